package offer

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nastyDescriptions is the fuzz seed corpus, also run by the ordinary tests:
// XSS vectors (after the OWASP filter evasion cheat sheet), markup that
// parsers disagree on, and the application channels the policy removes.
var nastyDescriptions = []string{
	``,
	`   `,
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>`,
	`<scr<script>ipt>alert(1)</scr</script>ipt>`,
	`<script/xss src="https://xss.example/x.js"></script>`,
	`<<script>alert(1);//<</script>`,
	`<p>a<script>document.write("<p onclick=alert(1)>x</p>")</script>b</p>`,
	`<style>body{background:url("javascript:alert(1)")}</style><p>t</p>`,
	`<p style="background:url(javascript:alert(1))">t</p>`,
	`<p onclick="alert(1)" onmouseover=alert(1) ONLOAD=alert(1)>t</p>`,
	`<img src=x onerror=alert(1)>`,
	`<img src="javascript:alert(1)">`,
	`<body onload=alert(1)>`,
	`<a href="javascript:alert(1)">x</a>`,
	`<a href="JaVaScRiPt:alert(1)">x</a>`,
	`<a href=" javascript:alert(1)">x</a>`,
	"<a href=\"java\tscript:alert(1)\">x</a>",
	"<a href=\"java\nscript:alert(1)\">x</a>",
	"<a href=\"\x01javascript:alert(1)\">x</a>",
	`<a href="java&#x09;script:alert(1)">x</a>`,
	`<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`,
	`<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>`,
	`<a href="javascript&colon;alert(1)">x</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	`<a href="DATA:text/html,<script>alert(1)</script>">x</a>`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<a href="//evil.example/x">x</a>`,
	`<a href="/relative">x</a>`,
	`<a href="https://ok.example/" target="_self" rel="opener">ok</a>`,
	`<a href="https://ok.example/"><a href="javascript:alert(1)">in</a>out</a>`,
	`<a href="https://acme.ca@evil.example/">x</a>`,
	`<iframe src="https://evil.example"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>">`,
	`<object data="javascript:alert(1)"></object><embed src="x.swf">`,
	`<svg onload=alert(1)><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`,
	`<svg><style><img src=x onerror=alert(1)></style></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
	`<xmp><script>alert(1)</script></xmp>`,
	`<textarea><script>alert(1)</script></textarea>`,
	`<title><script>alert(1)</script></title>`,
	`<plaintext><script>alert(1)</script>`,
	`<template><script>alert(1)</script></template>`,
	`<!--<script>alert(1)</script>-->`,
	`<!-- --!><script>alert(1)</script> -->`,
	`<![CDATA[<script>alert(1)</script>]]>`,
	`<!DOCTYPE html><html><head><base href="javascript:/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"></head></html>`,
	`<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button><input onfocus=alert(1) autofocus></form>`,
	`<details open ontoggle=alert(1)>x</details>`,
	`<p>unclosed <b>bold <i>italic <a href="https://ok.example">link`,
	`<b><i>mis</b>nested</i>`,
	`<p><ul><li>list in p</li></ul></p>`,
	`<table><tr><td>cell<script>alert(1)</script></td></tr>text<a href="https://ok.example">foster</a></table>`,
	`<ul>stray<li>one<ul><li>two</li></ul></li><ol><li>three</li></ol></ul>`,
	`<li>orphan item</li>`,
	`<h1>Titre</h1><h5>Petit</h5><h6>Plus petit</h6>`,
	"<p>a\x00b</p>\xff\xfe",
	`<a href="mailto:jean@acme.ca">jean@acme.ca</a>`,
	`<a href="MAILTO:Jean@Acme.ca?subject=CV">Écrivez-nous</a>`,
	`Écrivez à jean@acme.ca, JEAN.TREMBLAY@ACME.CA ou (rh@acme.ca).`,
	`jean<b>@</b>acme<i>.ca</i>`,
	`jean&#64;acme&#46;ca`,
	`jean [at] acme [dot] ca, paul(at)acme.ca, rh at acme dot ca`,
	"je\u200Ban@ac\u00ADme\uFF0Eca, ｊｅａｎ＠ａｃｍｅ．ｃａ, jean @ acme\u3002ca, jean@[192.0.2.1], Saint-Jean @ 9 h",
	`<a href="https://acme.ca/carrieres/x/../%2e/postuler">a</a> ACME.CA//carrieres/./postuler`,
	`<a href="https://www.acme.ca/carrieres/postuler/?src=x">Postuler</a> https://acme.ca/carrieres/postuler`,
	`<a href="https://mail.example.com/compose?to=jean@acme.ca">écrire</a>`,
	`<h2>Raison d’être du poste</h2><p>x</p><h2>Principales tâches et responsabilités</h2><ul><li>y</li></ul><h2>Qualifications requises</h2><p>z</p>`,
	strings.Repeat(`<div>`, 500) + `deep` + strings.Repeat(`</div>`, 500),
	strings.Repeat(`<b><i>`, 200) + `deep`,
}

// fuzzApply is the apply configuration the fuzz target also runs with.
var fuzzApply = DescriptionOptions{ApplyURL: "https://www.acme.ca/carrieres/postuler", ApplyEmail: "rh@acme.ca"}

func FuzzSanitizeDescription(f *testing.F) {
	for _, s := range nastyDescriptions {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, opts := range []DescriptionOptions{{}, fuzzApply} {
			res := SanitizeDescription(in, opts)
			assertSafeDescription(t, in, res.HTML)
			again := SanitizeDescription(res.HTML, opts)
			if again.HTML != res.HTML {
				t.Fatalf("not idempotent:\nin:     %q\nonce:   %q\ntwice:  %q", in, res.HTML, again.HTML)
			}
			if len(again.Removed) != 0 {
				t.Fatalf("second pass removed %v from %q", again.Removed, res.HTML)
			}
			if !slices.Equal(again.Missing, res.Missing) || again.Length != res.Length {
				t.Fatalf("second pass changed the report: %v/%d then %v/%d for %q", res.Missing, res.Length, again.Missing, again.Length, res.HTML)
			}
		}
	})
}

// testEmailPattern is the test's own, ASCII-only idea of an e-mail address; the
// sanitiser's pattern finds a superset of it.
var testEmailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,}`)

var allowedDescriptionElements = map[atom.Atom]bool{
	atom.H2: true, atom.H3: true, atom.H4: true, atom.P: true, atom.Br: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true,
	atom.Strong: true, atom.B: true, atom.Em: true, atom.I: true, atom.U: true, atom.A: true,
}

// assertSafeDescription checks the output as a browser would read it:
// parsed as the content of a <div> and as a whole document, it holds only
// the allowed elements, no event handler, only http(s) links opening in a
// new window without opener or referrer, and no e-mail address in its text.
func assertSafeDescription(t *testing.T, in, out string) {
	t.Helper()
	failf := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("in:  %q\nout: %q\n"+format, append([]any{in, out}, args...)...)
	}
	if !utf8.ValidString(out) || strings.ContainsRune(out, 0) {
		failf("invalid UTF-8 or NUL in the output")
	}
	if strings.Contains(strings.ToLower(out), "<script") {
		failf("<script in the output")
	}
	var checkNode func(n *html.Node, document bool)
	checkNode = func(n *html.Node, document bool) {
		if n.Type == html.ElementNode {
			structural := document && (n.DataAtom == atom.Html || n.DataAtom == atom.Head || n.DataAtom == atom.Body)
			if n.Namespace != "" || !structural && !allowedDescriptionElements[n.DataAtom] {
				failf("element %q (namespace %q) in the output", n.Data, n.Namespace)
			}
			var target, rel, href string
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					failf("event handler %s", a.Key)
				}
				switch {
				case n.DataAtom != atom.A:
					failf("attribute %s on <%s>", a.Key, n.Data)
				case a.Key == "href":
					href = a.Val
				case a.Key == "target":
					target = a.Val
				case a.Key == "rel":
					rel = a.Val
				default:
					failf("attribute %s on <a>", a.Key)
				}
			}
			if n.DataAtom == atom.A {
				u, err := url.Parse(href)
				if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.User != nil {
					failf("link to %q", href)
				}
				if target != "_blank" {
					failf("link target %q", target)
				}
				if f := strings.Fields(rel); !slices.Contains(f, "noopener") || !slices.Contains(f, "noreferrer") {
					failf("link rel %q", rel)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			checkNode(c, document)
		}
	}
	nodes, err := html.ParseFragment(strings.NewReader(out), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		failf("output does not parse: %v", err)
	}
	var lines strings.Builder
	for _, n := range nodes {
		checkNode(n, false)
		visibleLines(&lines, n)
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		failf("output does not parse as a document: %v", err)
	}
	checkNode(doc, true)
	if m := testEmailPattern.FindString(lines.String()); m != "" {
		failf("e-mail address %q left in the text", m)
	}
}

// visibleLines writes the text of n, with a newline at every line break
// and block boundary.
func visibleLines(b *strings.Builder, n *html.Node) {
	switch {
	case n.Type == html.TextNode:
		b.WriteString(n.Data)
		return
	case n.Type != html.ElementNode:
		return
	}
	inlineSink := n.DataAtom == atom.Strong || n.DataAtom == atom.B || n.DataAtom == atom.Em ||
		n.DataAtom == atom.I || n.DataAtom == atom.U || n.DataAtom == atom.A
	if !inlineSink {
		b.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		visibleLines(b, c)
	}
	if !inlineSink {
		b.WriteByte('\n')
	}
}
