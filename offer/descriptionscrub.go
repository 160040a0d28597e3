package offer

import (
	"net"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The patterns that find application channels in text. They read text
// nodes (already decoded from HTML by the parser), never markup, folded by
// foldForMatching (no invisible characters, ASCII dots and at signs).
const (
	reSpace  = `[ \t\x{A0}\x{202F}]*`
	reLocal  = `[\p{L}\p{N}._%+\-]+`
	reLabel  = `[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?`
	reTLD    = `\p{L}{2,}`
	reOpen   = `[\[\(\{<]`
	reClose  = `[\]\)\}>]`
	reAtSign = `[@\x{FF20}\x{FE6B}]`
	// reAt is "@", spaces around it or not ("jean @ acme.ca"), or a
	// bracketed "at": "[at]", "(arobase)", "{@}".
	reAt = `(?:` + reSpace + reAtSign + reSpace + `|` + reSpace + reOpen + reSpace + `(?:at|arobase|arobas|` + reAtSign + `)` + reSpace + reClose + reSpace + `)`
	// reDot is "." or a bracketed "dot": "[dot]", "(point)".
	reDot = `(?:\.|` + reSpace + reOpen + reSpace + `(?:dot|point)` + reSpace + reClose + reSpace + `)`
	// reIPLiteral is an address literal: "[192.0.2.1]", "[IPv6:2001:db8::1]".
	reIPLiteral = `\[(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|ipv6:[0-9a-f:.]+)\]`
	// reEmail finds e-mail addresses, plain or disguised with brackets.
	reEmail = `(?i)` + reLocal + reAt + `(?:(?:` + reLabel + reDot + `)+` + reTLD + `|` + reIPLiteral + `)`
	// reWebAddress finds web addresses written as text, with or without a
	// scheme: "https://acme.ca/postuler", "www.acme.ca", "acme.ca/emplois".
	reWebAddress = `(?i)(?:https?://)?(?:` + reLabel + `\.)+` + reTLD + `(?::[0-9]{1,5})?(?:[/?#][^\s\x{A0}\x{202F}<>"'«»]*)?`
)

// Compiled patterns: regexp.Regexp is safe for concurrent use and these are
// never modified.
var (
	emailPattern      = regexp.MustCompile(reEmail)
	webAddressPattern = regexp.MustCompile(reWebAddress)
)

// mayHoldEmail is a cheap test that spares most text the e-mail pattern:
// an address needs an at sign or a bracketed "at".
func mayHoldEmail(s string) bool {
	if hasAtSign(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		if !isOpenBracket(s[i]) {
			continue
		}
		j := skipSpaces(s, i+1)
		for _, w := range [...]string{"at", "arobase", "arobas"} {
			if hasPrefixFold(s[j:], w) {
				if k := skipSpaces(s, j+len(w)); k < len(s) && isCloseBracket(s[k]) {
					return true
				}
			}
		}
	}
	return false
}

// hasAtSign reports whether s holds "@", "＠" or "﹫". (strings.ContainsAny
// is slow with a set that is not ASCII.)
func hasAtSign(s string) bool {
	return strings.IndexByte(s, '@') >= 0 || strings.Contains(s, "\uFF20") || strings.Contains(s, "\uFE6B")
}

func isOpenBracket(b byte) bool  { return b == '[' || b == '(' || b == '{' || b == '<' }
func isCloseBracket(b byte) bool { return b == ']' || b == ')' || b == '}' || b == '>' }

// skipSpaces returns the index of the first byte at or after i that does
// not start a space, tab, no-break space or narrow no-break space.
func skipSpaces(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t':
			i++
		case strings.HasPrefix(s[i:], "\u00A0"):
			i += len("\u00A0")
		case strings.HasPrefix(s[i:], "\u202F"):
			i += len("\u202F")
		default:
			return i
		}
	}
	return i
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// applyTarget is the offer's own application link and address, prepared
// once per call.
type applyTarget struct {
	key    string   // linkKey of ApplyURL, or ""
	host   string   // its host, for a quick test on text
	email  string   // ApplyEmail in lower case, or ""
	local  string   // its local part
	labels []string // its domain's labels
}

// newApplyTarget prepares opts; an apply URL or e-mail address too long to
// be valid (MaxURLLength, 254 bytes) is ignored.
func newApplyTarget(opts DescriptionOptions) applyTarget {
	var t applyTarget
	if raw := strings.TrimSpace(opts.ApplyURL); raw != "" && len(raw) <= MaxURLLength {
		raw = foldForMatching(raw).s
		if !strings.Contains(raw, "://") {
			raw = "https://" + raw
		}
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			t.key = linkKey(u)
			t.host, _, _ = strings.Cut(t.key, "/")
			t.host, _, _ = strings.Cut(t.host, ":")
		}
	}
	email := strings.ToLower(foldForMatching(strings.TrimSpace(opts.ApplyEmail)).s)
	if len(email) > 254 {
		return t
	}
	local, domain, ok := strings.Cut(email, "@")
	if ok && local != "" && domain != "" && !strings.Contains(domain, "@") {
		t.email, t.local, t.labels = email, local, strings.Split(domain, ".")
	}
	return t
}

// findDisguised returns the spans of text where the offer's own address is
// written in any disguise: "rh at acme dot ca", "rh (arobase) acme point
// ca", "rh@acme . ca". Since the address is known, the words "at", "dot"…
// count without brackets, as whole words.
func (t *applyTarget) findDisguised(text string) []textSpan {
	if t.local == "" {
		return nil
	}
	var out []textSpan
	first := t.local[0]
	for i := 0; i+len(t.local) <= len(text); i++ {
		if lowerASCII(text[i]) != first || !hasPrefixFold(text[i:], t.local) {
			continue
		}
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:i]); isLocalRune(r) {
				continue
			}
		}
		if end, ok := t.disguisedFrom(text, i+len(t.local)); ok {
			out = append(out, textSpan{i, end})
			i = end - 1
		}
	}
	return out
}

// disguisedFrom matches the rest of the address, from just after its local
// part, and returns where it ends.
func (t *applyTarget) disguisedFrom(text string, j int) (int, bool) {
	j, ok := disguiseSeparator(text, skipSpaces(text, j), []string{"@", "\uFF20", "\uFE6B"}, []string{"arobase", "arobas", "chez", "at", "@"})
	if !ok {
		return 0, false
	}
	for k, label := range t.labels {
		if k > 0 {
			if j, ok = disguiseSeparator(text, skipSpaces(text, j), []string{"."}, []string{"point", "dot", "pt"}); !ok {
				return 0, false
			}
		}
		j = skipSpaces(text, j)
		if !hasPrefixFold(text[j:], label) {
			return 0, false
		}
		j += len(label)
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
		return 0, false
	}
	return j, true
}

// disguiseSeparator matches, at j, one of the symbols, or one of the words,
// bracketed or standing alone as a whole word, and returns where it ends.
func disguiseSeparator(text string, j int, symbols, words []string) (int, bool) {
	for _, sym := range symbols {
		if strings.HasPrefix(text[j:], sym) {
			return j + len(sym), true
		}
	}
	k, open := j, j < len(text) && isOpenBracket(text[j])
	if open {
		k = skipSpaces(text, k+1)
	}
	for _, w := range words {
		if !hasPrefixFold(text[k:], w) {
			continue
		}
		end := k + len(w)
		if open {
			if end = skipSpaces(text, end); end < len(text) && isCloseBracket(text[end]) {
				return end + 1, true
			}
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[end:]); end == len(text) || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return end, true
		}
	}
	return 0, false
}

// isLocalRune reports whether r may be part of an address's local part.
func isLocalRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._%+-", r)
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// linkKey reduces a URL to what identifies the page it opens, for comparing
// links with the apply URL: the host folded (foldForMatching) in lower case
// without "www.", a final dot nor a default port, and the path as a server
// resolves it (cleanPath) in lower case. The scheme, user, query and
// fragment are left out.
func linkKey(u *url.URL) string {
	host := strings.ToLower(foldForMatching(u.Hostname()).s)
	host = strings.TrimSuffix(host, ".")
	host = strings.TrimPrefix(host, "www.")
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host = net.JoinHostPort(host, port)
	}
	return host + strings.ToLower(cleanPath(u.Path))
}

// cleanPath resolves a URL path as servers do, from its decoded form (an
// encoded dot, "%2e", is a dot there): backslashes read as slashes,
// segments' parameters (";jsessionid=…") left out, repeated slashes read as
// one, "." and ".." segments resolved, and no trailing slash.
// "/a/./b;x=1//c/../" gives "/a/b"; the root gives "".
func cleanPath(p string) string {
	if p == "" {
		return ""
	}
	p = strings.ReplaceAll(p, `\`, "/")
	if strings.IndexByte(p, ';') >= 0 {
		segs := strings.Split(p, "/")
		for i, seg := range segs {
			segs[i], _, _ = strings.Cut(seg, ";")
		}
		p = strings.Join(segs, "/")
	}
	p = path.Clean("/" + p)
	return strings.TrimRight(p, "/")
}

// isApply reports whether u opens the offer's own apply page.
func (t *applyTarget) isApply(u *url.URL) bool {
	return t.key != "" && linkKey(u) == t.key
}

// carriesEmail reports whether a link's URL holds an e-mail address (a
// webmail compose link, a form addressed to a recruiter) or the offer's own.
func (t *applyTarget) carriesEmail(u *url.URL) bool {
	s := u.String()
	if strings.IndexByte(s, '@') < 0 && !containsFold(s, "%40") && !containsFold(s, "%ef%bc%a0") && !containsFold(s, "%ef%b9%ab") {
		return false
	}
	if d, err := url.QueryUnescape(s); err == nil {
		s = d
	}
	s = foldForMatching(s).s
	if t.email != "" && strings.Contains(strings.ToLower(s), t.email) {
		return true
	}
	return emailPattern.MatchString(s)
}

// textSpan is a range of bytes of a line container's text.
type textSpan struct{ start, end int }

// foundChannel is an application channel found in a container's text: where it
// is, what to report and the key that reports it once.
type foundChannel struct {
	textSpan
	item RemovedItem
	key  string
}

// findChannels returns the application channels of text, left to right and
// not overlapping: where candidates overlap, the one that starts first wins
// (the offer's own address first at equal starts); what it leaves is found
// on the next round of scrubContainer.
//
// The patterns read the text folded (foldForMatching), so that invisible
// characters and look-alike dots or at signs hide nothing; the spans and
// reported texts are those of the text as written.
func (c *descCleaner) findChannels(original string) []foundChannel {
	folded := foldForMatching(original)
	text := folded.s
	var found []foundChannel
	add := func(s, e int, kind RemovalKind, key string) {
		if e > s {
			sp := folded.span(s, e)
			found = append(found, foundChannel{sp, RemovedItem{Kind: kind, Text: original[sp.start:sp.end]}, key})
		}
	}
	for _, sp := range c.apply.findDisguised(text) {
		add(sp.start, sp.end, RemovedEmailAddress, c.apply.email)
	}
	if mayHoldEmail(text) {
		for _, m := range emailPattern.FindAllStringIndex(text, -1) {
			add(m[0], m[1], RemovedEmailAddress, strings.ToLower(text[m[0]:m[1]]))
		}
	}
	if c.apply.host != "" && containsFold(text, c.apply.host) {
		for _, m := range webAddressPattern.FindAllStringIndex(text, -1) {
			s, e := m[0], trimURLEnd(text, m[0], m[1])
			raw := text[s:e]
			if !hasScheme(raw) {
				raw = "https://" + raw
			}
			if u, err := url.Parse(raw); err == nil && c.apply.isApply(u) {
				add(s, e, RemovedApplyLink, "link:"+linkKey(u))
			}
		}
	}
	if len(found) < 2 {
		return found
	}
	slices.SortStableFunc(found, func(a, b foundChannel) int { return a.start - b.start })
	kept := found[:1]
	for _, f := range found[1:] {
		if f.start >= kept[len(kept)-1].end {
			kept = append(kept, f)
		}
	}
	return kept
}

// hasScheme reports whether a web address written as text starts with
// http:// or https://.
func hasScheme(s string) bool {
	i := strings.Index(s, "://")
	return i == 4 || i == 5
}

// trimURLEnd drops the punctuation that ends a sentence rather than a URL.
func trimURLEnd(text string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !strings.ContainsRune(".,;:!?)]}»'\"’", r) {
			break
		}
		end -= size
	}
	return end
}

// containsFold reports whether s contains the lower-case needle, ignoring
// case.
func containsFold(s, needle string) bool {
	if needle == "" {
		return true
	}
	first := needle[0]
	for i := 0; i+len(needle) <= len(s); i++ {
		if lowerASCII(s[i]) == first && strings.EqualFold(s[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

// widenSpan extends a removed span over one neighbouring space, so that
// removing "jean@acme.ca" from "écrivez à jean@acme.ca ou" leaves "écrivez
// à ou" rather than two spaces.
func widenSpan(text string, s textSpan) textSpan {
	before, _ := utf8.DecodeLastRuneInString(text[:s.start])
	after, size := utf8.DecodeRuneInString(text[s.end:])
	spaceBefore := s.start == 0 || isTextSpace(before)
	switch {
	case spaceBefore && s.end < len(text) && isTextSpace(after):
		s.end += size
	case s.start > 0 && isTextSpace(before) && (s.end == len(text) || strings.ContainsRune(",.)]\n", after)):
		_, bsize := utf8.DecodeLastRuneInString(text[:s.start])
		s.start -= bsize
	}
	return s
}

func isTextSpace(r rune) bool { return r != '\n' && unicode.IsSpace(r) }

// isBlankText reports whether s has no visible character.
func isBlankText(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
