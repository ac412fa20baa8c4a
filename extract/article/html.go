package article

import (
	"html"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
)

// minReadableWords is the least text readability must find for its result
// to be taken as the article; below it the page's whole text is used.
const minReadableWords = 20

// readable reduces an HTML page to its main text with readability (a Go
// port of Firefox's Readability.js, which drops navigation, ads, comments
// and other clutter), with the page's title and publication date when it
// finds them. A page or fragment where it finds no article is read whole
// by htmlText instead, so no text is lost to a wrong guess.
func readable(page string) (text, title, date string) {
	a, err := readability.FromReader(strings.NewReader(page), nil)
	if err == nil && a.Node != nil {
		var b strings.Builder
		if a.RenderText(&b) == nil && len(strings.Fields(b.String())) >= minReadableWords {
			if t, err := a.PublishedTime(); err == nil {
				date = t.Format("2006-01-02")
			}
			return strings.TrimSpace(b.String()) + "\n", strings.TrimSpace(a.Title()), date
		}
	}
	return htmlText(page), "", ""
}

// looksLikeHTML reports whether decoded text is an HTML page or fragment
// rather than plain text: it starts with a tag, comment or doctype that
// HTML documents start with.
func looksLikeHTML(s string) bool {
	t := strings.TrimLeft(s, " \t\r\n")
	if len(t) < 3 || t[0] != '<' {
		return false
	}
	head := asciiLower(t[:min(len(t), 64)])
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title", "<script", "<style", "<article", "<div", "<p>", "<p ", "<h1", "<h2", "<section", "<main", "<header"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}

// blockTags end a paragraph: they become a blank line in the text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "tr": true, "td": true, "th": true, "table": true, "title": true,
	"section": true, "article": true, "header": true, "footer": true, "blockquote": true, "figcaption": true,
	"main": true, "aside": true, "nav": true, "hr": true, "pre": true, "body": true, "head": true, "html": true,
}

// htmlText returns the text of an HTML page: tags and comments removed,
// script, style and other non-text elements dropped with their contents,
// block elements separated by blank lines, character references decoded.
// It is a tolerant scanner, not a validating parser: a "<" that does not
// start a tag stays text.
func htmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	text := func(t string) { b.WriteString(html.UnescapeString(t)) }
	i := 0
	for i < len(s) {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			text(s[i:])
			break
		}
		text(s[i : i+j])
		i += j
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return b.String()
			}
			i += 4 + end + 3
			continue
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return b.String()
			}
			i += end + 1
			continue
		}
		name, closing := tagName(rest)
		if name == "" {
			b.WriteByte('<') // not a tag: "a < b"
			i++
			continue
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return b.String() // a cut-off tag at the end
		}
		i += end + 1
		if blockTags[name] {
			b.WriteString("\n\n")
		}
		if !closing && (name == "script" || name == "style" || name == "noscript" || name == "template" || name == "svg") {
			// Skip to the closing tag; without one, the rest is dropped.
			k := strings.Index(asciiLower(s[i:]), "</"+name)
			if k < 0 {
				return b.String()
			}
			i += k
			if e := strings.IndexByte(s[i:], '>'); e >= 0 {
				i += e + 1
			} else {
				return b.String()
			}
		}
	}
	return b.String()
}

// tagName returns the lower-case element name of the tag s starts with
// ("<p class=x>" → "p"), and whether it is a closing tag.
func tagName(s string) (string, bool) {
	k := 1
	closing := false
	if k < len(s) && s[k] == '/' {
		closing = true
		k++
	}
	start := k
	for k < len(s) {
		c := s[k]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || k > start && (c >= '0' && c <= '9' || c == '-') {
			k++
			continue
		}
		break
	}
	if k == start || k < len(s) && !strings.ContainsRune(" \t\r\n/>", rune(s[k])) {
		return "", false
	}
	return asciiLower(s[start:k]), closing
}

// asciiLower lower-cases ASCII letters only, so byte offsets are kept.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
