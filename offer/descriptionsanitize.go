package offer

import (
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// SanitizeDescription cleans the rich-text description of an offer so that
// it is safe to publish, takes out the application channels an employer may
// have written in it, and tells which required sections it lacks.
//
// What it keeps: headings (h2, h3, h4; h1 becomes h2, since the offer's
// title is the page's h1, and h5 and h6 become h4), paragraphs, line breaks,
// lists (ul, ol, li, nested), bold and italic (strong, b, em, i), underline
// (u), and links to http and https addresses, each given exactly
// target="_blank" rel="noopener noreferrer" so that it opens in a new window
// that cannot reach back into the board's page. Nothing else survives: no
// other element and no other attribute (no style, class, id, event handler),
// no script or style (nor their content), no iframe, object, embed, form,
// image, SVG or MathML, no comment, no link with another scheme
// (javascript:, data:, vbscript:, relative, protocol-relative, with a user
// name). The text of a removed element stays, unless the element was one that
// only holds code or embedded content; other block elements (div, table
// cells, blockquote…) become paragraphs or line breaks, so words never run
// together.
//
// What it takes out, and reports in DescriptionResult.Removed (docs/RULES.md
// D-3: application links and e-mail addresses written in the description
// are removed): mailto: links (their text stays unless it is the address);
// e-mail addresses written in the text, plain, with spaces around the at
// sign ("jean @ acme.ca"), with an address literal ("jean@[192.0.2.1]") or
// disguised with brackets ("jean [at] acme [dot] ca"), and the offer's own
// ApplyEmail in any disguise; links to the offer's ApplyURL (their text
// stays) and that URL written as text, its path compared as a server
// resolves it ("/./", "/x/../", "%2e", "//" and the letter case make no
// difference); links whose URL carries an e-mail address. Text is read with
// its invisible characters ignored (zero-width spaces and joiners, soft
// hyphens, bidirectional marks, byte order marks…) and full-width forms and
// look-alike dots and at signs ("．", "。", "․", "﹒", "＠", "﹫") read as
// their ASCII letter, so that they hide no address. A removal takes one
// neighbouring space with it.
//
// The result's HTML is well formed, made of headings, paragraphs and lists
// at the top level, with inline content inside them; sanitising it again
// returns it unchanged. The input may be any string: invalid UTF-8 is
// replaced and NUL characters dropped. The work grows about linearly with
// the input's size (inputs built to be slow, of MaxDescriptionHTMLBytes,
// take a few hundred milliseconds); callers bound that size, as
// ValidateDescription does. It is safe for concurrent use.
//
// The cleaning is done twice over, by two independent allowlists:
// bluemonday's policy first, then a rebuild of the parsed tree
// (golang.org/x/net/html) that copies only the elements and attributes above.
func SanitizeDescription(in string, opts DescriptionOptions) DescriptionResult {
	in = strings.ToValidUTF8(in, "\uFFFD")
	in = strings.ReplaceAll(in, "\x00", "")
	pre := descriptionPolicy().Sanitize(in)
	nodes, err := parseDescription(pre)
	if err != nil {
		// The parser refuses markup nested deeper than 512 elements: keep
		// the words, as plain text.
		pre = plainTextPolicy().Sanitize(pre)
		if nodes, err = parseDescription(pre); err != nil {
			return DescriptionResult{Missing: RequiredSections()} // fail closed
		}
	}

	c := &descCleaner{apply: newApplyTarget(opts)}
	root := newDescElement(atom.Div)
	w := descBlockWriter{c: c, root: root}
	for _, n := range nodes {
		w.node(n)
	}
	c.scrub(root)
	pruneTree(root)

	var out strings.Builder
	out.Grow(len(pre))
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if err := html.Render(&out, n); err != nil {
			return DescriptionResult{Removed: c.removed, Missing: RequiredSections()} // fail closed
		}
	}
	found := detectSections(root)
	return DescriptionResult{
		HTML:    out.String(),
		Removed: c.removed,
		Missing: found.missing(),
		Length:  visibleLength(root),
	}
}

// parseDescription parses HTML as the content of a <body>.
func parseDescription(s string) ([]*html.Node, error) {
	return html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
}

// plainTextPolicy strips every element, keeping the text with a space
// where a tag was, for markup too deeply nested to parse.
var plainTextPolicy = sync.OnceValue(func() *bluemonday.Policy {
	return bluemonday.StrictPolicy().AddSpaceWhenStrippingTag(true)
})

// Nesting limits of the rebuilt tree: deeper formatting is unwrapped and
// deeper lists become lines of their item, so the output stays far below
// the parser's limit of 512 open elements and parses back the same.
const (
	maxFormatDepth = 6
	maxListDepth   = 6
)

// descriptionPolicy is the first pass: bluemonday with only what the
// rebuild can use. A bluemonday Policy is safe for concurrent use once
// built, and this one is never changed after it is built.
var descriptionPolicy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		// Kept.
		"h2", "h3", "h4", "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u",
		// Let through to be mapped: other headings become h2 or h4, block
		// containers become paragraphs or line breaks.
		"h1", "h5", "h6", "div", "section", "article", "header", "footer", "main", "aside", "nav",
		"blockquote", "pre", "address", "center", "hr", "figure", "figcaption", "details", "summary",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd",
	)
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto") // mailto is let through to be reported, then removed
	p.RequireParseableURLs(true)
	return p
})

// newDescElement returns a new element node without attributes.
func newDescElement(a atom.Atom) *html.Node {
	return &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String()}
}

// descElementKind classifies the parsed elements for the rebuild.
type descElementKind int

const (
	descDrop    descElementKind = iota // dropped with its content
	descFormat                         // kept: strong, b, em, i, u
	descLink                           // a
	descBreak                          // br
	descHeading                        // h1–h6
	descPara                           // p
	descList                           // ul, ol
	descInline                         // unwrapped in place (span, font…)
	descBlock                          // unwrapped as a block (div, table…)
)

func descKindOf(n *html.Node) descElementKind {
	if n.Namespace != "" { // SVG, MathML
		return descDrop
	}
	switch n.DataAtom {
	case atom.Strong, atom.B, atom.Em, atom.I, atom.U:
		return descFormat
	case atom.A:
		return descLink
	case atom.Br:
		return descBreak
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return descHeading
	case atom.P:
		return descPara
	case atom.Ul, atom.Ol:
		return descList
	case atom.Script, atom.Style, atom.Template, atom.Iframe, atom.Frame, atom.Frameset,
		atom.Object, atom.Embed, atom.Applet, atom.Param, atom.Svg, atom.Math, atom.Noscript,
		atom.Noembed, atom.Noframes, atom.Textarea, atom.Select, atom.Option, atom.Optgroup,
		atom.Datalist, atom.Title, atom.Head, atom.Meta, atom.Link, atom.Base, atom.Xmp,
		atom.Plaintext, atom.Img, atom.Image, atom.Picture, atom.Video, atom.Audio, atom.Source,
		atom.Track, atom.Canvas, atom.Map, atom.Area, atom.Input, atom.Button, atom.Dialog,
		atom.Slot, atom.Menuitem, atom.Keygen:
		return descDrop
	case 0, atom.Span, atom.Font, atom.Small, atom.Big, atom.Sub, atom.Sup, atom.Code,
		atom.Kbd, atom.Samp, atom.Var, atom.Tt, atom.Mark, atom.Abbr, atom.Acronym, atom.Cite,
		atom.Q, atom.S, atom.Strike, atom.Del, atom.Ins, atom.Dfn, atom.Time, atom.Label,
		atom.Bdi, atom.Bdo, atom.Nobr, atom.Data, atom.Ruby, atom.Rb, atom.Rt, atom.Rp,
		atom.Rtc, atom.Wbr, atom.Blink, atom.Output, atom.Meter, atom.Progress, atom.Form:
		return descInline
	}
	return descBlock
}

// headingAtom maps h1 to h2 and h5, h6 to h4.
func headingAtom(a atom.Atom) atom.Atom {
	switch a {
	case atom.H1, atom.H2:
		return atom.H2
	case atom.H3:
		return atom.H3
	}
	return atom.H4
}

// descCleaner holds the state of one SanitizeDescription call.
type descCleaner struct {
	apply   applyTarget
	marks   map[*html.Node]removedMark // removed links, as <span> wrappers of their text
	seen    map[string]bool            // keys of the removals reported so far
	removed []RemovedItem
}

// removedMark is a removed link waiting for the scrub pass to report it in
// document order.
type removedMark struct {
	item RemovedItem
	key  string
}

// report records a removal once per key.
func (c *descCleaner) report(item RemovedItem, key string) {
	if c.seen == nil {
		c.seen = make(map[string]bool)
	}
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.removed = append(c.removed, item)
}

// lineState is the state of one line container (a paragraph, heading or list
// item) being filled.
type lineState struct {
	pending bool // a block boundary was crossed: the next text starts a new line
	started bool // the container has visible text
}

// inlineSink is where inline content is being written.
type inlineSink struct {
	node   *html.Node // the element receiving content
	ln     *lineState
	inLink bool // inside a kept or removed link: nested links are unwrapped
	format int  // formatting elements around node
	lists  int  // lists around node
}

// descBlockWriter rebuilds the top level: headings, paragraphs and lists, with
// stray inline content gathered into paragraphs.
type descBlockWriter struct {
	c    *descCleaner
	root *html.Node
	para *html.Node // the open paragraph for stray inline content
	ln   *lineState
}

// close ends the open paragraph, if any.
func (w *descBlockWriter) close() { w.para, w.ln = nil, nil }

// paragraph returns the open paragraph for stray inline content, opening
// one when there is none.
func (w *descBlockWriter) paragraph() inlineSink {
	if w.para == nil {
		w.para, w.ln = newDescElement(atom.P), &lineState{}
		w.root.AppendChild(w.para)
	}
	return inlineSink{node: w.para, ln: w.ln}
}

func (w *descBlockWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if w.para == nil && isBlankText(n.Data) {
			return
		}
		w.paragraph().text(n.Data)
	case html.ElementNode:
		switch descKindOf(n) {
		case descDrop:
		case descBreak:
			if w.para != nil {
				w.c.writeInline(w.paragraph(), n)
			}
		case descFormat, descLink, descInline:
			w.c.writeInline(w.paragraph(), n)
		case descHeading:
			w.close()
			h := newDescElement(headingAtom(n.DataAtom))
			w.c.children(inlineSink{node: h, ln: &lineState{}}, n)
			w.root.AppendChild(h)
		case descPara:
			w.close()
			p := newDescElement(atom.P)
			w.c.children(inlineSink{node: p, ln: &lineState{}}, n)
			w.root.AppendChild(p)
		case descList:
			w.close()
			w.root.AppendChild(w.c.list(n, 1))
		default: // a block container: its content becomes blocks
			w.close()
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				w.node(ch)
			}
			w.close()
		}
	}
}

// text appends text to the container, starting a new line first when a
// block boundary was crossed since the last visible text. Runs of HTML white
// space become one space, as a browser shows them.
func (in inlineSink) text(s string) {
	s = collapseSpace(s)
	if !isBlankText(s) {
		if in.ln.pending && in.ln.started {
			in.node.AppendChild(newDescElement(atom.Br))
		}
		in.ln.pending = false
		in.ln.started = true
	}
	in.node.AppendChild(&html.Node{Type: html.TextNode, Data: s})
}

// collapseSpace replaces each run of HTML white space (space, tab, line
// feed, form feed, carriage return; not the no-break space) by one space.
func collapseSpace(s string) string {
	isWS := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }
	i := 0
	for ; i < len(s); i++ {
		if isWS(s[i]) && (s[i] != ' ' || i+1 < len(s) && isWS(s[i+1])) {
			break
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		if !isWS(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteByte(' ')
		for i < len(s) && isWS(s[i]) {
			i++
		}
	}
	return b.String()
}

func (in inlineSink) into(n *html.Node) inlineSink {
	in.node = n
	return in
}

func (c *descCleaner) children(in inlineSink, n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.writeInline(in, ch)
	}
}

// writeInline rebuilds n as inline content of in.
func (c *descCleaner) writeInline(in inlineSink, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		in.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	switch descKindOf(n) {
	case descDrop:
	case descBreak:
		in.node.AppendChild(newDescElement(atom.Br))
		in.ln.pending = false
	case descFormat:
		if in.format >= maxFormatDepth {
			c.children(in, n)
			return
		}
		el := newDescElement(n.DataAtom)
		in.node.AppendChild(el)
		in = in.into(el)
		in.format++
		c.children(in, n)
	case descLink:
		c.writeLink(in, n)
	case descInline:
		c.children(in, n)
	case descList:
		if in.node.DataAtom == atom.Li && in.lists < maxListDepth { // a nested list
			in.node.AppendChild(c.list(n, in.lists+1))
			in.ln.pending, in.ln.started = false, false
			return
		}
		fallthrough
	default: // a block inside inline content: its lines become lines
		in.ln.pending = true
		c.children(in, n)
		in.ln.pending = true
	}
}

// list rebuilds a ul or ol at nesting level depth (1 at the top): list
// items, with stray content gathered into items and stray nested lists
// attached to the item before them.
func (c *descCleaner) list(n *html.Node, depth int) *html.Node {
	el := newDescElement(n.DataAtom)
	var (
		item  *html.Node
		ln    *lineState
		stray bool // item gathers stray content
	)
	newItem := func() {
		item, ln = newDescElement(atom.Li), &lineState{}
		el.AppendChild(item)
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.ElementNode && ch.DataAtom == atom.Li && ch.Namespace == "":
			newItem()
			stray = false
			c.children(inlineSink{node: item, ln: ln, lists: depth}, ch)
		case ch.Type == html.ElementNode && descKindOf(ch) == descList:
			if item == nil {
				newItem()
			}
			c.writeInline(inlineSink{node: item, ln: ln, lists: depth}, ch)
			stray = false
		case ch.Type == html.TextNode && isBlankText(ch.Data) && !stray:
		case ch.Type == html.TextNode || ch.Type == html.ElementNode:
			if !stray || item == nil {
				newItem()
				stray = true
			}
			c.writeInline(inlineSink{node: item, ln: ln, lists: depth}, ch)
		}
	}
	return el
}

// writeLink rebuilds an <a>: kept with safe attributes, unwrapped, or replaced by
// a mark that the scrub pass reports and prune unwraps.
func (c *descCleaner) writeLink(in inlineSink, n *html.Node) {
	var href string
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == "href" {
			href = a.Val
			break
		}
	}
	keep, removed := c.classify(href)
	switch {
	case in.inLink || keep == "" && removed == nil:
		c.children(in, n)
	case removed != nil:
		textSpan := newDescElement(atom.Span)
		if c.marks == nil {
			c.marks = make(map[*html.Node]removedMark)
		}
		c.marks[textSpan] = *removed
		in.node.AppendChild(textSpan)
		in = in.into(textSpan)
		in.inLink = true
		c.children(in, n)
	default:
		a := newDescElement(atom.A)
		a.Attr = []html.Attribute{
			{Key: "href", Val: keep},
			{Key: "target", Val: "_blank"},
			{Key: "rel", Val: "noopener noreferrer"},
		}
		in.node.AppendChild(a)
		in = in.into(a)
		in.inLink = true
		c.children(in, n)
	}
}

// classify decides a link's fate: the href to keep, or the removal to
// report, or neither (the link is unwrapped silently).
func (c *descCleaner) classify(href string) (keep string, removed *removedMark) {
	href = strings.TrimSpace(href)
	if href == "" {
		return "", nil
	}
	u, err := url.Parse(href)
	if err != nil {
		return "", nil
	}
	switch u.Scheme { // url.Parse lower-cases the scheme
	case "mailto":
		addr := u.Opaque
		if a, err := url.PathUnescape(addr); err == nil {
			addr = a
		}
		if addr == "" {
			addr = strings.TrimPrefix(href[len("mailto:"):], "//")
		}
		return "", &removedMark{RemovedItem{Kind: RemovedMailtoLink, Text: addr}, strings.ToLower(addr)}
	case "http", "https":
		if u.Host == "" {
			return "", nil
		}
		s := u.String()
		if c.apply.isApply(u) {
			return "", &removedMark{RemovedItem{Kind: RemovedApplyLink, Text: s}, "link:" + linkKey(u)}
		}
		if c.apply.carriesEmail(u) {
			return "", &removedMark{RemovedItem{Kind: RemovedApplyLink, Text: s}, "link:" + s}
		}
		if u.User != nil {
			return "", nil
		}
		return s, nil
	}
	return "", nil
}

// scrub removes the application channels from the text of every line
// container, in document order.
func (c *descCleaner) scrub(root *html.Node) {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		switch n.DataAtom {
		case atom.Ul, atom.Ol:
			c.scrubList(n)
		default:
			c.scrubContainer(n)
		}
	}
}

func (c *descCleaner) scrubList(list *html.Node) {
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		c.scrubContainer(li)
	}
}

// textSegment is a piece of a container's text: a text node, a removed link or
// a nested list, at an offset of the container's text.
type textSegment struct {
	node *html.Node
	off  int
}

// scrubContainer removes the application channels from one paragraph,
// heading or list item, whose text nodes are read as one text (so that an
// address split by markup, "jean<b>@</b>acme.ca", is found), lines being
// separated by <br> and nested lists. It repeats until nothing is found, so
// that no removal can leave a new address behind.
func (c *descCleaner) scrubContainer(n *html.Node) {
	var (
		text strings.Builder
		segs []textSegment
	)
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case ch.Type == html.TextNode:
				segs = append(segs, textSegment{ch, text.Len()})
				text.WriteString(ch.Data)
			case ch.Type != html.ElementNode:
			case ch.DataAtom == atom.Br:
				text.WriteByte('\n')
			case ch.DataAtom == atom.Ul || ch.DataAtom == atom.Ol:
				segs = append(segs, textSegment{ch, text.Len()})
				text.WriteByte('\n')
			case ch.DataAtom == atom.Span:
				segs = append(segs, textSegment{ch, text.Len()})
				collect(ch)
			default:
				collect(ch)
			}
		}
	}
	for first := true; ; first = false {
		text.Reset()
		segs = segs[:0]
		collect(n)
		s := text.String()
		found := c.findChannels(s)
		if first {
			// Report in document order: removed links and nested lists
			// where they start, text removals where they start.
			i := 0
			for _, sg := range segs {
				for ; i < len(found) && found[i].start < sg.off; i++ {
					c.report(found[i].item, found[i].key)
				}
				switch {
				case sg.node.Type != html.ElementNode:
				case sg.node.DataAtom == atom.Span:
					if m, ok := c.marks[sg.node]; ok {
						c.report(m.item, m.key)
					}
				default:
					c.scrubList(sg.node)
				}
			}
			for ; i < len(found); i++ {
				c.report(found[i].item, found[i].key)
			}
		} else {
			for _, f := range found {
				c.report(f.item, f.key)
			}
		}
		if len(found) == 0 {
			return
		}
		cutSpans(s, segs, found)
	}
}

// cutSpans deletes the found spans, each widened over a neighbouring space, from
// the text nodes of segs, whose data is text at their offsets.
func cutSpans(text string, segs []textSegment, found []foundChannel) {
	spans := make([]textSpan, 0, len(found))
	for _, f := range found {
		spans = append(spans, widenSpan(text, f.textSpan))
	}
	slices.SortFunc(spans, func(a, b textSpan) int { return a.start - b.start })
	merged := spans[:1]
	for _, sp := range spans[1:] {
		last := &merged[len(merged)-1]
		if sp.start <= last.end {
			last.end = max(last.end, sp.end)
			continue
		}
		merged = append(merged, sp)
	}
	// Segments and spans are both in text order: one sweep.
	i := 0
	for _, sg := range segs {
		if sg.node.Type != html.TextNode {
			continue
		}
		start, end := sg.off, sg.off+len(sg.node.Data)
		for i < len(merged) && merged[i].end <= start {
			i++
		}
		if i == len(merged) || merged[i].start >= end {
			continue
		}
		var b strings.Builder
		pos := start
		for j := i; j < len(merged) && merged[j].start < end; j++ {
			if merged[j].start > pos {
				b.WriteString(text[pos:merged[j].start])
			}
			pos = max(pos, min(merged[j].end, end))
		}
		if pos < end {
			b.WriteString(text[pos:end])
		}
		sg.node.Data = b.String()
	}
}

// pruneTree drops what the rebuild and the scrub left empty: formatting and
// link elements without visible text are unwrapped, paragraphs, headings and
// list items without visible text removed, lists without items removed, and
// removed links' marks unwrapped. Text nodes left side by side are merged,
// their white space collapsed, as the parser will read them back.
func pruneTree(n *html.Node) {
	defer mergeText(n)
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		pruneTree(ch)
		switch {
		case ch.Type == html.TextNode:
			if ch.Data == "" {
				n.RemoveChild(ch)
			}
		case ch.Type != html.ElementNode:
		case ch.DataAtom == atom.Span:
			unwrapNode(ch)
		case ch.DataAtom == atom.Ul || ch.DataAtom == atom.Ol:
			if ch.FirstChild == nil {
				n.RemoveChild(ch)
			}
		case ch.DataAtom == atom.Br:
		case descKindOf(ch) == descFormat || ch.DataAtom == atom.A:
			if !hasVisibleText(ch) {
				unwrapNode(ch)
			}
		default: // p, h2–h4, li
			if !hasVisibleText(ch) {
				n.RemoveChild(ch)
			}
		}
		ch = next
	}
}

// mergeText merges the adjacent text children of n and collapses their
// white space.
func mergeText(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.TextNode || ch.NextSibling == nil || ch.NextSibling.Type != html.TextNode {
			continue
		}
		var b strings.Builder
		for ch.NextSibling != nil && ch.NextSibling.Type == html.TextNode {
			next := ch.NextSibling
			b.WriteString(next.Data)
			n.RemoveChild(next)
		}
		ch.Data = collapseSpace(ch.Data + b.String())
	}
}

// unwrapNode replaces n by its children.
func unwrapNode(n *html.Node) {
	parent := n.Parent
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		n.RemoveChild(ch)
		parent.InsertBefore(ch, n)
		ch = next
	}
	parent.RemoveChild(n)
}

func hasVisibleText(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode && !isBlankText(ch.Data) || ch.Type == html.ElementNode && hasVisibleText(ch) {
			return true
		}
	}
	return false
}

// visibleLength counts the characters of visible text under n, every run of
// white space, line break or block boundary counting as one.
func visibleLength(n *html.Node) int {
	count, space := 0, false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				for _, r := range ch.Data {
					if isTextSpace(r) || r == '\n' {
						space = true
						continue
					}
					if space && count > 0 {
						count++
					}
					space = false
					count++
				}
			case html.ElementNode:
				if descKindOf(ch) != descFormat && ch.DataAtom != atom.A {
					space = true
				}
				walk(ch)
				if descKindOf(ch) != descFormat && ch.DataAtom != atom.A {
					space = true
				}
			}
		}
	}
	walk(n)
	return count
}
