package offer

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
)

// keptLink is the markup of a kept link.
func keptLink(href, text string) string {
	return `<a href="` + href + `" target="_blank" rel="noopener noreferrer">` + text + `</a>`
}

func TestSanitizeDescriptionDropsWhatABrowserWouldRun(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"script", `<p>a</p><script>alert(1)</script><p>b</p>`, `<p>a</p><p>b</p>`},
		{"script inside a paragraph", `<p>a<script>alert(1)</script>b</p>`, `<p>ab</p>`},
		{"script with src", `<SCRIPT SRC=https://xss.example/x.js></SCRIPT><p>t</p>`, `<p>t</p>`},
		{"split script tag", `<scr<script>ipt>alert(1)</scr</script>ipt>`, `<p>ipt&gt;alert(1)ipt&gt;</p>`},
		{"style element", `<style>p{color:red}</style><p>t</p>`, `<p>t</p>`},
		{"style attribute", `<p style="background:url(javascript:alert(1))">t</p>`, `<p>t</p>`},
		{"event handlers", `<p onclick="alert(1)" ONMOUSEOVER=alert(1)>t</p>`, `<p>t</p>`},
		{"img onerror", `<p>t<img src=x onerror=alert(1)></p>`, `<p>t</p>`},
		{"javascript link", `<p><a href="javascript:alert(1)">x</a></p>`, `<p>x</p>`},
		{"mixed-case scheme", `<p><a href="JaVaScRiPt:alert(1)">x</a></p>`, `<p>x</p>`},
		{"leading space in scheme", `<p><a href="  javascript:alert(1)">x</a></p>`, `<p>x</p>`},
		{"tab in scheme", "<p><a href=\"java\tscript:alert(1)\">x</a></p>", `<p>x</p>`},
		{"newline in scheme", "<p><a href=\"java\nscript:alert(1)\">x</a></p>", `<p>x</p>`},
		{"encoded tab in scheme", `<p><a href="java&#x09;script:alert(1)">x</a></p>`, `<p>x</p>`},
		{"decimal entities", `<p><a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a></p>`, `<p>x</p>`},
		{"hex entities without semicolons", `<p><a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a></p>`, `<p>x</p>`},
		{"named colon entity", `<p><a href="javascript&colon;alert(1)">x</a></p>`, `<p>x</p>`},
		{"data URL", `<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a></p>`, `<p>x</p>`},
		{"vbscript", `<p><a href="vbscript:msgbox(1)">x</a></p>`, `<p>x</p>`},
		{"relative link", `<p><a href="/jobs">x</a></p>`, `<p>x</p>`},
		{"protocol-relative link", `<p><a href="//evil.example/">x</a></p>`, `<p>x</p>`},
		{"user name in link", `<p><a href="https://acme.ca:pw@evil.example/">x</a></p>`, `<p>x</p>`},
		{"iframe", `<p>a</p><iframe src="https://evil.example">fallback</iframe>`, `<p>a</p>`},
		{"iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe><p>a</p>`, `<p>a</p>`},
		{"object and embed", `<object data="x.swf"><param name=a value=b></object><embed src="x.swf"><p>a</p>`, `<p>a</p>`},
		{"svg", `<svg onload=alert(1)><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, `<p>x</p>`},
		{"math mutation", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, ``},
		{"noscript mutation", `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`, `<p>&#34;&gt;</p>`},
		{"xmp", `<xmp><script>alert(1)</script></xmp>`, `<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`},
		{"textarea", `<textarea><script>alert(1)</script></textarea>`, `<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`},
		{"comment", `<p>a<!-- <script>alert(1)</script> -->b</p>`, `<p>ab</p>`},
		{"conditional comment", `<!--[if IE]><script>alert(1)</script><![endif]--><p>a</p>`, `<p>a</p>`},
		{"form and button", `<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">Go</button><input onfocus=alert(1) autofocus>Texte</form>`, `<p>GoTexte</p>`},
		{"base and meta", `<base href="javascript:/"><meta http-equiv="refresh" content="0;url=https://evil.example"><p>a</p>`, `<p>a</p>`},
		{"document", `<!DOCTYPE html><html><head><title>T</title></head><body onload=alert(1)><p>a</p></body></html>`, `<p>a</p>`},
		{"template", `<template><p>hidden</p></template><p>a</p>`, `<p>hidden</p><p>a</p>`},
		{"unclosed tags", `<p>a <b>bold <i>both`, `<p>a <b>bold <i>both</i></b></p>`},
		{"misnested tags", `<p><b>a<i>b</b>c</i></p>`, `<p><b>a<i>b</i></b><i>c</i></p>`},
		{"unclosed link", `<p><a href="https://ok.example/">link <b>text`, `<p>` + keptLink("https://ok.example/", "link <b>text</b>") + `</p>`},
		{"nested links", `<p><a href="https://a.example/">a <a href="https://b.example/">b</a></a></p>`,
			`<p>` + keptLink("https://a.example/", "a ") + keptLink("https://b.example/", "b") + `</p>`},
		{"invalid UTF-8 and NUL", "<p>a\x00b\xffc</p>", "<p>ab\uFFFDc</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := SanitizeDescription(tt.in, DescriptionOptions{})
			assert.Equal(t, tt.want, res.HTML)
			assertSafeDescription(t, tt.in, res.HTML)
		})
	}
}

func TestSanitizeDescriptionKeepsFormatting(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"headings", `<h2>Deux</h2><h3>Trois</h3><h4>Quatre</h4>`, `<h2>Deux</h2><h3>Trois</h3><h4>Quatre</h4>`},
		{"h1 becomes h2, h5 and h6 h4", `<h1>Un</h1><h5>Cinq</h5><h6>Six</h6>`, `<h2>Un</h2><h4>Cinq</h4><h4>Six</h4>`},
		{"paragraphs and breaks", `<p>Ligne 1<br>Ligne 2</p><p>Autre</p>`, `<p>Ligne 1<br/>Ligne 2</p><p>Autre</p>`},
		{"emphasis", `<p><strong>gras</strong> <b>gras</b> <em>ital</em> <i>ital</i> <u>souligné</u></p>`,
			`<p><strong>gras</strong> <b>gras</b> <em>ital</em> <i>ital</i> <u>souligné</u></p>`},
		{"lists", `<ul><li>un</li><li>deux<ol><li>a</li><li>b</li></ol></li></ul>`, `<ul><li>un</li><li>deux<ol><li>a</li><li>b</li></ol></li></ul>`},
		{"list nested without item", `<ul><li>un</li><ul><li>a</li></ul></ul>`, `<ul><li>un<ul><li>a</li></ul></li></ul>`},
		{"paragraphs in list items", `<ul><li><p>un</p><p>deux</p></li></ul>`, `<ul><li>un<br/>deux</li></ul>`},
		{"link", `<p>Voir <a href="https://www.oiq.qc.ca/">l'Ordre</a>.</p>`, `<p>Voir ` + keptLink("https://www.oiq.qc.ca/", "l&#39;Ordre") + `.</p>`},
		{"link attributes replaced", `<p><a href="https://ok.example/" target="_self" rel="opener" class="x" title="t">ok</a></p>`,
			`<p>` + keptLink("https://ok.example/", "ok") + `</p>`},
		{"link with query", `<p><a href="http://ok.example/a?b=1&amp;c=2#d">ok</a></p>`, `<p>` + keptLink("http://ok.example/a?b=1&amp;c=2#d", "ok") + `</p>`},
		{"attributes dropped", `<p class="x" id="y" style="color:red" lang="fr" dir="rtl">t</p>`, `<p>t</p>`},
		{"spans and fonts unwrapped", `<p><span style="x">Ing</span><font color=red>énieur</font></p>`, `<p>Ingénieur</p>`},
		{"divs become paragraphs", `<div>Mandat</div><div>Le titulaire <b>conçoit</b></div>`, `<p>Mandat</p><p>Le titulaire <b>conçoit</b></p>`},
		{"table cells become paragraphs", `<table><tr><td>a</td><td>b</td></tr></table>`, `<p>a</p><p>b</p>`},
		{"blocks inside bold become lines", `<strong><p>a</p><p>b</p></strong>`, `<p><strong>a<br/>b</strong></p>`},
		{"stray text", `Texte <b>gras</b><h2>Titre</h2>suite`, `<p>Texte <b>gras</b></p><h2>Titre</h2><p>suite</p>`},
		{"stray list items", `<li>orphelin</li>`, `<p>orphelin</p>`},
		{"white space collapsed", "<p>a \n\t b&nbsp;&nbsp;c</p>", "<p>a b\u00a0\u00a0c</p>"},
		{"empty blocks dropped", `<p></p><p> </p><p><br></p><p>&nbsp;</p><ul><li></li></ul><h2><b> </b></h2><p>x</p>`, `<p>x</p>`},
		{"special characters escaped", `<p>1 &lt; 2 &amp;&amp; "3" &gt; 2</p>`, `<p>1 &lt; 2 &amp;&amp; &#34;3&#34; &gt; 2</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := SanitizeDescription(tt.in, DescriptionOptions{})
			assert.Equal(t, tt.want, res.HTML)
			assert.Empty(t, res.Removed)
			assertSafeDescription(t, tt.in, res.HTML)
			assert.Equal(t, res.HTML, SanitizeDescription(res.HTML, DescriptionOptions{}).HTML, "idempotent")
		})
	}
}

func TestSanitizeDescriptionRemovesEmailAddresses(t *testing.T) {
	tests := []struct {
		name, in, want string
		removed        []string
	}{
		{"plain", `<p>Écrivez à jean@acme.ca pour info.</p>`, `<p>Écrivez à pour info.</p>`, []string{"jean@acme.ca"}},
		{"end of sentence", `<p>Courriel : jean.tremblay@acme.qc.ca.</p>`, `<p>Courriel :.</p>`, []string{"jean.tremblay@acme.qc.ca"}},
		{"comma", `<p>jean@acme.ca, paul@acme.ca et rh@acme.ca</p>`, `<p>, et</p>`, []string{"jean@acme.ca", "paul@acme.ca", "rh@acme.ca"}},
		{"parentheses", `<p>RH (rh@acme.ca)</p>`, `<p>RH ()</p>`, []string{"rh@acme.ca"}},
		{"upper case", `<p>JEAN.TREMBLAY@ACME.CA</p>`, ``, []string{"JEAN.TREMBLAY@ACME.CA"}},
		{"accented local part", `<p>Élise : élise.côté@acme.ca</p>`, `<p>Élise :</p>`, []string{"élise.côté@acme.ca"}},
		{"plus and hyphen", `<p>a+jobs@mon-entreprise.com</p>`, ``, []string{"a+jobs@mon-entreprise.com"}},
		{"entity-encoded", `<p>jean&#64;acme&#46;ca</p>`, ``, []string{"jean@acme.ca"}},
		{"full-width at", `<p>jean＠acme.ca</p>`, ``, []string{"jean＠acme.ca"}},
		{"split by markup", `<p>jean<b>@</b>acme<i>.ca</i> ici</p>`, `<p>ici</p>`, []string{"jean@acme.ca"}},
		{"in a heading", `<h2>Contact : rh@acme.ca</h2>`, `<h2>Contact :</h2>`, []string{"rh@acme.ca"}},
		{"in a list", `<ul><li>rh@acme.ca</li><li>reste</li></ul>`, `<ul><li>reste</li></ul>`, []string{"rh@acme.ca"}},
		{"in a link's text", `<p><a href="https://acme.ca/">rh@acme.ca</a></p>`, ``, []string{"rh@acme.ca"}},
		{"bracketed at", `<p>jean [at] acme.ca</p>`, ``, []string{"jean [at] acme.ca"}},
		{"bracketed at and dot", `<p>Écrire à jean(at)acme(dot)ca svp</p>`, `<p>Écrire à svp</p>`, []string{"jean(at)acme(dot)ca"}},
		{"arobase", `<p>jean {arobase} acme [point] ca</p>`, ``, []string{"jean {arobase} acme [point] ca"}},
		{"same address twice, reported once", `<p>rh@acme.ca ou RH@ACME.CA</p>`, `<p>ou</p>`, []string{"rh@acme.ca"}},
		{"revealed by a removal", `<p>x@y.ca@acme.ca</p>`, `<p>@acme.ca</p>`, []string{"x@y.ca"}},
		{"nothing to remove", `<p>C++ et C# ; Rendez-vous @ 9 h ; 50 $ ; user@localhost ; version 2.0</p>`,
			`<p>C++ et C# ; Rendez-vous @ 9 h ; 50 $ ; user@localhost ; version 2.0</p>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := SanitizeDescription(tt.in, DescriptionOptions{})
			assert.Equal(t, tt.want, res.HTML)
			var removed []string
			for _, r := range res.Removed {
				assert.Equal(t, RemovedEmailAddress, r.Kind)
				removed = append(removed, r.Text)
			}
			assert.Equal(t, tt.removed, removed)
			assertSafeDescription(t, tt.in, res.HTML)
		})
	}
}

func TestSanitizeDescriptionRemovesMailtoLinks(t *testing.T) {
	tests := []struct {
		name, in, want string
		removed        []RemovedItem
	}{
		{"address as text", `<p>Écrivez à <a href="mailto:jean@acme.ca">jean@acme.ca</a>.</p>`, `<p>Écrivez à.</p>`,
			[]RemovedItem{{RemovedMailtoLink, "jean@acme.ca"}}},
		{"other text kept", `<p><a href="mailto:rh@acme.ca">Écrivez-nous</a> !</p>`, `<p>Écrivez-nous !</p>`,
			[]RemovedItem{{RemovedMailtoLink, "rh@acme.ca"}}},
		{"upper-case scheme and query", `<p><a href="MAILTO:Jean@Acme.ca?subject=CV">jean@acme.ca</a></p>`, ``,
			[]RemovedItem{{RemovedMailtoLink, "Jean@Acme.ca"}}},
		{"encoded address", `<p><a href="mailto:jean%40acme.ca">ici</a></p>`, `<p>ici</p>`,
			[]RemovedItem{{RemovedMailtoLink, "jean@acme.ca"}}},
		{"formatting kept", `<p><a href="mailto:rh@acme.ca"><b>Service RH</b></a></p>`, `<p><b>Service RH</b></p>`,
			[]RemovedItem{{RemovedMailtoLink, "rh@acme.ca"}}},
		{"another address in the text", `<p><a href="mailto:rh@acme.ca">rh@acme.ca ou paul@acme.ca</a></p>`, `<p>ou</p>`,
			[]RemovedItem{{RemovedMailtoLink, "rh@acme.ca"}, {RemovedEmailAddress, "paul@acme.ca"}}},
		{"in document order", `<p>paul@acme.ca puis <a href="mailto:rh@acme.ca">RH</a> puis marc@acme.ca</p>`, `<p>puis RH puis</p>`,
			[]RemovedItem{{RemovedEmailAddress, "paul@acme.ca"}, {RemovedMailtoLink, "rh@acme.ca"}, {RemovedEmailAddress, "marc@acme.ca"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := SanitizeDescription(tt.in, DescriptionOptions{})
			assert.Equal(t, tt.want, res.HTML)
			assert.Equal(t, tt.removed, res.Removed)
			assertSafeDescription(t, tt.in, res.HTML)
		})
	}
}

func TestSanitizeDescriptionRemovesApplyLinks(t *testing.T) {
	opts := DescriptionOptions{ApplyURL: "https://www.acme.ca/carrieres/postuler/", ApplyEmail: "rh@acme.ca"}
	tests := []struct {
		name, in, want string
		removed        []RemovedItem
	}{
		{"same URL", `<p><a href="https://www.acme.ca/carrieres/postuler/">Postulez ici</a></p>`, `<p>Postulez ici</p>`,
			[]RemovedItem{{RemovedApplyLink, "https://www.acme.ca/carrieres/postuler/"}}},
		{"http, no www, no slash", `<p><a href="http://acme.ca/carrieres/postuler">Postulez</a></p>`, `<p>Postulez</p>`,
			[]RemovedItem{{RemovedApplyLink, "http://acme.ca/carrieres/postuler"}}},
		{"case, query, fragment, port", `<p><a href="HTTPS://ACME.CA:443/Carrieres/Postuler?src=oiq#form">Postulez</a></p>`, `<p>Postulez</p>`,
			[]RemovedItem{{RemovedApplyLink, "https://ACME.CA:443/Carrieres/Postuler?src=oiq#form"}}},
		{"address as link text", `<p>Postulez : <a href="https://acme.ca/carrieres/postuler">https://acme.ca/carrieres/postuler</a></p>`, `<p>Postulez :</p>`,
			[]RemovedItem{{RemovedApplyLink, "https://acme.ca/carrieres/postuler"}}},
		{"address as text", `<p>Postulez sur www.acme.ca/carrieres/postuler.</p>`, `<p>Postulez sur.</p>`,
			[]RemovedItem{{RemovedApplyLink, "www.acme.ca/carrieres/postuler"}}},
		{"address before French punctuation", "<p>Postulez sur https://acme.ca/carrieres/postuler\u00a0!</p>", "<p>Postulez sur !</p>",
			[]RemovedItem{{RemovedApplyLink, "https://acme.ca/carrieres/postuler"}}},
		{"address as text without www", `<p>Postulez sur acme.ca/carrieres/postuler?x=1 !</p>`, `<p>Postulez sur !</p>`,
			[]RemovedItem{{RemovedApplyLink, "acme.ca/carrieres/postuler?x=1"}}},
		{"other page of the site kept", `<p><a href="https://acme.ca/carrieres/">Carrières</a> et <a href="https://acme.ca/carrieres/postuler/ingenieur">offre</a></p>`,
			`<p>` + keptLink("https://acme.ca/carrieres/", "Carrières") + ` et ` + keptLink("https://acme.ca/carrieres/postuler/ingenieur", "offre") + `</p>`, nil},
		{"other site kept", `<p><a href="https://acme.com/carrieres/postuler">x</a> acme.com/carrieres/postuler</p>`,
			`<p>` + keptLink("https://acme.com/carrieres/postuler", "x") + ` acme.com/carrieres/postuler</p>`, nil},
		{"link carrying an address", `<p><a href="https://mail.example.com/compose?to=jean%40acme.ca">Écrire</a></p>`, `<p>Écrire</p>`,
			[]RemovedItem{{RemovedApplyLink, "https://mail.example.com/compose?to=jean%40acme.ca"}}},
		{"apply e-mail in disguise", `<p>Envoyez votre CV à rh at acme dot ca ou RH (arobase) ACME.CA.</p>`, `<p>Envoyez votre CV à ou.</p>`,
			[]RemovedItem{{RemovedEmailAddress, "rh at acme dot ca"}}},
		{"same link twice, reported once", `<p><a href="https://acme.ca/carrieres/postuler">a</a> <a href="http://www.acme.ca/carrieres/postuler/">b</a></p>`, `<p>a b</p>`,
			[]RemovedItem{{RemovedApplyLink, "https://acme.ca/carrieres/postuler"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := SanitizeDescription(tt.in, opts)
			assert.Equal(t, tt.want, res.HTML)
			assert.Equal(t, tt.removed, res.Removed)
			assertSafeDescription(t, tt.in, res.HTML)
		})
	}

	t.Run("apply URL without scheme", func(t *testing.T) {
		res := SanitizeDescription(`<p><a href="https://acme.ca/emplois">Postuler</a></p>`, DescriptionOptions{ApplyURL: "acme.ca/emplois"})
		assert.Equal(t, `<p>Postuler</p>`, res.HTML)
		assert.Len(t, res.Removed, 1)
	})
	t.Run("no apply URL", func(t *testing.T) {
		res := SanitizeDescription(`<p><a href="https://acme.ca/emplois">Postuler</a></p>`, DescriptionOptions{})
		assert.Equal(t, `<p>`+keptLink("https://acme.ca/emplois", "Postuler")+`</p>`, res.HTML)
		assert.Empty(t, res.Removed)
	})
	t.Run("apply URL on the home page", func(t *testing.T) {
		res := SanitizeDescription(`<p>Visitez acme.ca ou <a href="https://acme.ca/a-propos">à propos</a></p>`, DescriptionOptions{ApplyURL: "https://acme.ca/"})
		assert.Equal(t, `<p>Visitez ou `+keptLink("https://acme.ca/a-propos", "à propos")+`</p>`, res.HTML)
		assert.Equal(t, []RemovedItem{{RemovedApplyLink, "acme.ca"}}, res.Removed)
	})
}

func TestRemovedItemMessage(t *testing.T) {
	for _, kind := range []RemovalKind{RemovedMailtoLink, RemovedEmailAddress, RemovedApplyLink} {
		msg := RemovedItem{Kind: kind, Text: "rh@acme.ca"}.Message()
		assert.Contains(t, msg.FR, "« rh@acme.ca »", kind)
		assert.Contains(t, msg.EN, "“rh@acme.ca”", kind)
		assert.NotContains(t, msg.FR, "inconnue", kind)
	}
}

func TestDescriptionSections(t *testing.T) {
	all := []Section(nil)
	tests := []struct {
		name, in string
		missing  []Section
	}{
		{"headings of the board", `<h2>Raison d'être du poste</h2><p>x</p><h2>Principales tâches et responsabilités</h2><ul><li>y</li></ul><h2>Qualifications requises</h2><p>z</p>`, all},
		{"typographic apostrophe, capitals, h1 and h4", `<h1>RAISON D’ÊTRE DU POSTE</h1><h4>Responsabilités et tâches principales</h4><h3>QUALIFICATIONS</h3>`, all},
		{"bold labels", `<p><strong>Mandat :</strong> concevoir.</p><p><b>Vos défis</b><br>- x</p><p><strong>Profil recherché</strong></p>`, all},
		{"colon labels", `<p>Sommaire du poste : le titulaire…</p><p>Fonctions : x, y.</p><p>Exigences : baccalauréat.</p>`, all},
		{"labels on lines of one paragraph", `<p><strong>Description du poste</strong><br>x<br><strong>Tâches</strong><br>y<br><strong>Compétences requises</strong><br>z</p>`, all},
		{"labels in list items", `<ul><li><b>Objectif du poste</b> : x</li><li><b>Attributions</b> : y</li><li><b>Prérequis</b> : z</li></ul>`, all},
		{"numbered labels", `<p><b>1. Mandat</b></p><p><b>2) Responsabilités</b></p><p><b>3 - Exigences</b></p>`, all},
		{"paragraph that is only a label", `<p>Sommaire</p><p>x</p><p>Responsabilités</p><p>Formation</p>`, all},
		{"English", `<h2>Purpose of the position</h2><h2>Main duties</h2><h2>Required qualifications</h2>`, all},
		{"English synonyms", `<p><b>Role overview</b></p><p><b>What you'll do</b></p><p><b>What you bring</b></p>`, all},
		{"English, summary and key responsibilities", `<h3>Summary</h3><h3>Key responsibilities</h3><h3>Requirements</h3>`, all},
		{"one label for two sections", `<h2>Mandat et responsabilités</h2><h2>Exigences</h2>`, all},
		{"nothing", `<p>Nous cherchons un ingénieur.</p>`, []Section{SectionPurpose, SectionDuties, SectionQualifications}},
		{"responsabilités is not the purpose", `<h2>Responsabilités</h2><h2>Qualifications</h2>`, []Section{SectionPurpose}},
		{"mandats is duties, not the purpose", `<h2>Vos mandats</h2><h2>Exigences</h2>`, []Section{SectionPurpose}},
		{"the organisation's mission is not the purpose", `<h2>Mission de l'organisation</h2><h2>Tâches</h2><h2>Exigences</h2>`, []Section{SectionPurpose}},
		{"suggested sections are not required ones", `<h2>Culture organisationnelle</h2><h2>Avantages sociaux</h2>`, []Section{SectionPurpose, SectionDuties, SectionQualifications}},
		{"a sentence is not a label", `<p>Vos responsabilités seront nombreuses et vos qualifications reconnues.</p><p>Le mandat est clair.</p>`,
			[]Section{SectionPurpose, SectionDuties, SectionQualifications}},
		{"generic words count only as the whole label", `<h2>Sommaire des avantages</h2><h2>Formation continue offerte</h2><h2>Tâches</h2>`,
			[]Section{SectionPurpose, SectionQualifications}},
		{"long heading is not a label", `<h2>Nous offrons un milieu stimulant où vos compétences et vos responsabilités grandiront avec vous chaque jour</h2>`,
			[]Section{SectionPurpose, SectionDuties, SectionQualifications}},
		{"label removed with an address", `<h2>Exigences : rh@acme.ca</h2><h2>Mandat</h2><h2>Tâches</h2>`, all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := SanitizeDescription(tt.in, DescriptionOptions{})
			assert.Equal(t, tt.missing, res.Missing, res.HTML)
		})
	}
}

func TestSectionTable(t *testing.T) {
	assert.Equal(t, []Section{SectionPurpose, SectionDuties, SectionQualifications}, RequiredSections())
	s := RequiredSections()
	s[0] = "changed"
	assert.Equal(t, SectionPurpose, RequiredSections()[0], "RequiredSections returns a fresh slice")

	owner := map[string]Section{}
	for _, sec := range RequiredSections() {
		label := sec.Label()
		assert.NotEmpty(t, label.FR)
		assert.NotEmpty(t, label.EN)
		assert.NotEqual(t, label.FR, label.EN)
		syns := sec.Synonyms()
		assert.NotEmpty(t, syns)
		syns[0] = "changed"
		assert.NotEqual(t, "changed", sec.Synonyms()[0], "Synonyms returns a fresh slice")
		for _, p := range sec.Synonyms() {
			assert.Equal(t, foldLabel(p), p, "synonym %q is folded", p)
			if other, dup := owner[p]; dup {
				t.Errorf("synonym %q in %s and %s", p, other, sec)
			}
			owner[p] = sec
		}
		// The board's own label announces its section.
		assert.Equal(t, []Section{}, onlySection(SanitizeDescription("<h2>"+label.FR+"</h2>", DescriptionOptions{}).Missing, sec), label.FR)
		assert.Equal(t, []Section{}, onlySection(SanitizeDescription("<h2>"+label.EN+"</h2>", DescriptionOptions{}).Missing, sec), label.EN)
	}
	assert.Equal(t, "purpose", SectionPurpose.String())
	assert.Equal(t, "x", Section("x").Label().FR)
}

// onlySection returns the sections of missing that are s, which must be none.
func onlySection(missing []Section, s Section) []Section {
	out := []Section{}
	for _, m := range missing {
		if m == s {
			out = append(out, m)
		}
	}
	return out
}

func TestFoldLabelMatchesGroupFold(t *testing.T) {
	for _, s := range []string{
		"Raison d’être du poste", "PRINCIPALES TÂCHES ET RESPONSABILITÉS", "Qualifications requises :",
		"  Compétences  (requises) ", "Profil recherché", "What you'll do", "Œuvres & Ærodynamique", "Straße",
		"Ångström ÿ Ĳssel", "e\u0301te\u0301", "1. Mandat", "Mandat—2024", "«Exigences»", "×÷", "",
	} {
		assert.Equal(t, group.Fold(s), foldLabel(s), "%q", s)
	}
}

// sampleDescriptionFR is a complete French description of the board's kind.
const sampleDescriptionFR = `<h2>Raison d'être du poste</h2><p>Concevoir des ouvrages d'art.</p>` +
	`<h2>Principales tâches et responsabilités</h2><ul><li>Calculer</li><li>Dessiner</li></ul>` +
	`<h2>Qualifications requises</h2><ul><li>Membre de l'Ordre des ingénieurs du Québec</li></ul>`

func TestValidateDescription(t *testing.T) {
	t.Run("complete French, no English", func(t *testing.T) {
		report, err := ValidateDescription(i18n.Text{FR: sampleDescriptionFR}, DescriptionOptions{})
		require.NoError(t, err)
		assert.Equal(t, SanitizeDescription(sampleDescriptionFR, DescriptionOptions{}).HTML, report.FR.HTML)
		assert.Equal(t, i18n.Text{FR: report.FR.HTML}, report.HTML())
		assert.Empty(t, report.FR.Missing)
		assert.Equal(t, DescriptionResult{}, report.EN)
	})
	t.Run("French required", func(t *testing.T) {
		for _, fr := range []string{"", "   ", "<p><br></p>", "<script>alert(1)</script>", `<a href="mailto:rh@acme.ca">rh@acme.ca</a>`} {
			report, err := ValidateDescription(i18n.Text{FR: fr, EN: sampleDescriptionFR}, DescriptionOptions{})
			var ve *i18n.ValidationError
			require.ErrorAs(t, err, &ve, "%q", fr)
			assert.Equal(t, []string{"description.fr:description.required"}, ve.Codes(), "%q", fr)
			assert.Empty(t, report.FR.Missing)
			assert.Empty(t, report.FR.HTML)
		}
	})
	t.Run("missing sections, French and English", func(t *testing.T) {
		report, err := ValidateDescription(i18n.Text{
			FR: `<h2>Mandat</h2><p>x</p>`,
			EN: `<h2>Duties</h2><p>x</p>`,
		}, DescriptionOptions{})
		require.ErrorIs(t, err, i18n.ErrInvalid)
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, []string{
			"description.fr:description.section_missing",
			"description.fr:description.section_missing",
			"description.en:description.section_missing",
			"description.en:description.section_missing",
		}, ve.Codes())
		assert.Equal(t, "La description doit comprendre la section « Principales tâches et responsabilités » (un intertitre ou une étiquette en gras en début de paragraphe).", ve.Fields[0].Message.FR)
		assert.Equal(t, "The description must include a “Main duties and responsibilities” section (a heading, or a bold label at the start of a paragraph).", ve.Fields[0].Message.EN)
		assert.Contains(t, ve.Fields[1].Message.EN, "Required qualifications")
		assert.Contains(t, ve.Fields[2].Message.FR, "Raison d'être du poste")
		assert.Equal(t, []Section{SectionDuties, SectionQualifications}, report.FR.Missing)
		assert.Equal(t, []Section{SectionPurpose, SectionQualifications}, report.EN.Missing)
	})
	t.Run("too long", func(t *testing.T) {
		long := sampleDescriptionFR + "<p>" + strings.Repeat("ingénieur ", MaxDescriptionLength/10) + "</p>"
		report, err := ValidateDescription(i18n.Text{FR: long}, DescriptionOptions{})
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, []string{"description.fr:description.too_long"}, ve.Codes())
		assert.Contains(t, ve.Fields[0].Message.FR, "20\u00a0000")
		assert.Contains(t, ve.Fields[0].Message.EN, "20,000")
		assert.Greater(t, report.FR.Length, MaxDescriptionLength)
	})
	t.Run("at the limit", func(t *testing.T) {
		res := SanitizeDescription(sampleDescriptionFR, DescriptionOptions{})
		pad := MaxDescriptionLength - res.Length - 1 // one space between the blocks
		_, err := ValidateDescription(i18n.Text{FR: sampleDescriptionFR + "<p>" + strings.Repeat("x", pad) + "</p>"}, DescriptionOptions{})
		assert.NoError(t, err)
	})
	t.Run("markup counts for nothing in the length", func(t *testing.T) {
		res := SanitizeDescription(`<p><b>a</b>  <i>b</i></p><ul><li>c</li></ul><p>d<br>e</p>`, DescriptionOptions{})
		assert.Equal(t, len("a b c d e"), res.Length)
	})
	t.Run("HTML too large", func(t *testing.T) {
		huge := sampleDescriptionFR + strings.Repeat(`<span style="mso-x:1">`, MaxDescriptionHTMLBytes/20) + "x"
		report, err := ValidateDescription(i18n.Text{FR: sampleDescriptionFR, EN: huge}, DescriptionOptions{})
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, []string{"description.en:description.html_too_long"}, ve.Codes())
		assert.Contains(t, ve.Fields[0].Message.FR, "512 Ko")
		assert.Empty(t, report.EN.HTML)
	})
	t.Run("removals reported beside the fault", func(t *testing.T) {
		report, err := ValidateDescription(i18n.Text{FR: sampleDescriptionFR + `<p>Écrivez à rh@acme.ca</p>`}, DescriptionOptions{})
		assert.NoError(t, err)
		assert.Equal(t, []RemovedItem{{RemovedEmailAddress, "rh@acme.ca"}}, report.FR.Removed)
		assert.NotContains(t, report.HTML().FR, "rh@acme.ca")
	})
	t.Run("validating a sanitised description again", func(t *testing.T) {
		first, err := ValidateDescription(i18n.Text{FR: sampleDescriptionFR + `<script>x</script>`, EN: `<h2>Purpose</h2><h2>Duties</h2><h2>Requirements</h2>`}, DescriptionOptions{})
		require.NoError(t, err)
		second, err := ValidateDescription(first.HTML(), DescriptionOptions{})
		require.NoError(t, err)
		assert.Equal(t, first, second)
	})
}

// TestEveryDescriptionCodeIsInTheCatalog reads the description files for
// the message codes they use and checks each exists in both languages.
func TestEveryDescriptionCodeIsInTheCatalog(t *testing.T) {
	files, err := os.ReadDir(".")
	require.NoError(t, err)
	uses := regexp.MustCompile(`(?:\.Add\([^,]+, |\.Check\([^,]+, [^,]+, |\.Text\()"([a-z_.]+)"`)
	found := 0
	for _, f := range files {
		name := f.Name()
		if !strings.HasPrefix(name, "description") || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		for _, m := range uses.FindAllStringSubmatch(string(src), -1) {
			found++
			code := m[1]
			if strings.HasSuffix(code, ".") { // a prefix completed by a RemovalKind
				for _, k := range []RemovalKind{RemovedMailtoLink, RemovedEmailAddress, RemovedApplyLink} {
					assert.True(t, descriptionMessages.Has(code+string(k)), "%s uses unknown code %q", name, code+string(k))
				}
				continue
			}
			assert.True(t, descriptionMessages.Has(code), "%s uses unknown code %q", name, code)
		}
	}
	assert.GreaterOrEqual(t, found, 5)
	assert.Equal(t, 7, descriptionMessages.Len())
}

func TestSanitizeDescriptionIsSafeForConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	want := SanitizeDescription(sampleDescriptionFR, fuzzApply)
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				in := nastyDescriptions[(i*50+j)%len(nastyDescriptions)]
				SanitizeDescription(in, fuzzApply)
				if got := SanitizeDescription(sampleDescriptionFR, fuzzApply); got.HTML != want.HTML {
					errs <- fmt.Errorf("goroutine %d: got %q", i, got.HTML)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestDescriptionErrorsUnwrap(t *testing.T) {
	_, err := ValidateDescription(i18n.Text{}, DescriptionOptions{})
	assert.True(t, errors.Is(err, i18n.ErrInvalid))
}

func TestSanitizeDescriptionNesting(t *testing.T) {
	t.Run("deeper than the parser accepts: kept as plain text", func(t *testing.T) {
		for _, in := range []string{
			strings.Repeat("<div>", 2000) + "Mandat <b>x</b>",
			strings.Repeat("<b><i>", 1000) + "Mandat x",
			strings.Repeat("<ul><li>", 1000) + "Mandat x",
		} {
			res := SanitizeDescription(in, DescriptionOptions{})
			assert.Regexp(t, `^<p> ?Mandat x ?</p>$`, res.HTML, in[:20])
			assertSafeDescription(t, in, res.HTML)
			assert.Equal(t, res.HTML, SanitizeDescription(res.HTML, DescriptionOptions{}).HTML)
		}
	})
	t.Run("deep but parseable: formatting and lists capped", func(t *testing.T) {
		in := strings.Repeat("<b><i>", 100) + "gras" + strings.Repeat("<ul><li>", 100) + "item"
		res := SanitizeDescription(in, DescriptionOptions{})
		assert.Equal(t, maxFormatDepth, strings.Count(res.HTML, "<b>")+strings.Count(res.HTML, "<i>"))
		assert.LessOrEqual(t, strings.Count(res.HTML, "<ul>"), maxListDepth)
		assert.Contains(t, res.HTML, "gras")
		assert.Contains(t, res.HTML, "item")
		assertSafeDescription(t, in, res.HTML)
		assert.Equal(t, res.HTML, SanitizeDescription(res.HTML, DescriptionOptions{}).HTML)
	})
}
