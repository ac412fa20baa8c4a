package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/doc"
)

// sentenceEnds returns the exclusive end index (into toks) of every
// sentence, in order; the last one is len(toks). The rules propose the
// ends, the boundary model (boundary.go) revises them between tokens
// separated by spaces, and over-long sentences are cut.
func sentenceEnds(text string, toks []doc.Token) []int {
	ends := ruleEnds(text, toks)
	if m := boundaryModel(); m != nil {
		ends = m.revise(text, toks, ends)
	}
	return capLength(toks, ends)
}

// ruleEnds returns the sentence ends that the rules find: terminal
// punctuation, closers, capitalised starts, line breaks and headlines.
func ruleEnds(text string, toks []doc.Token) []int {
	n := len(toks)
	var ends []int
	if n == 0 {
		return nil
	}
	maxLine := longestLine(text)
	lineStart := 0 // index of the first token of the current line
	sentStart := 0 // index of the first token of the current sentence
	cut := func(k int) {
		ends = append(ends, k)
		sentStart = k
	}
	for i := 0; i < n; i++ {
		if i == n-1 {
			cut(n)
			break
		}
		nl := newlines(text, toks[i].End, toks[i+1].Start)
		if nl >= 2 {
			cut(i + 1)
			lineStart = i + 1
			continue
		}
		if isTerminal(toks[i].Text) {
			// keep closing quotes and brackets attached to the sentence
			j := i + 1
			for j < n && toks[j].Start == toks[j-1].End && isCloser(toks[j].Text) {
				j++
			}
			if j == n {
				cut(n)
				break
			}
			next := toks[j].Text
			if newlines(text, toks[j-1].End, toks[j].Start) > 0 {
				lineStart = j
			}
			if startsSentence(next) || startsLower(next) && !isEllipsis(toks[i].Text) {
				cut(j)
			}
			i = j - 1
			continue
		}
		if nl == 1 {
			if headlineBreak(text, toks, lineStart, i, sentStart == lineStart, maxLine) {
				cut(i + 1)
			}
			lineStart = i + 1
		}
	}
	return ends
}

// newlines counts the line breaks in text[a:b] ("\r\n" counts once).
func newlines(text string, a, b int) int {
	c := 0
	for k := a; k < b; k++ {
		switch text[k] {
		case '\n':
			c++
		case '\r':
			if k+1 >= b || text[k+1] != '\n' {
				c++
			}
		}
	}
	return c
}

// longestLine returns the byte length of the longest line of text that
// contains a space (an unbreakable line says nothing about wrapping).
func longestLine(text string) int {
	best, start, space := 0, 0, false
	for k := 0; k <= len(text); k++ {
		if k == len(text) || text[k] == '\n' {
			if k-start > best && space {
				best = k - start
			}
			start, space = k+1, false
		} else if text[k] == ' ' && k > start {
			space = true
		}
	}
	return best
}

// isTerminal reports whether a token can end a sentence.
func isTerminal(w string) bool {
	switch w[0] {
	case '.':
		return true // ".", "..."
	case '!', '?':
		return true
	}
	return w == "…"
}

func isCloser(w string) bool {
	switch w {
	case "\"", "'", "”", "’", ")", "]", "}", "''", "»":
		return true
	}
	return false
}

// startsSentence reports whether a token may begin a new sentence after
// terminal punctuation: a capitalised word, a number or an opening
// quote or bracket.
func startsSentence(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '`', '«', '@', '#', '*', '-', '•':
		return true
	}
	return false
}

// smallWords may be lowercase in a title-cased headline.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "by": true,
	"with": true, "from": true, "as": true, "vs": true, "vs.": true, "into": true, "over": true,
	"after": true, "amid": true, "up": true, "off": true, "out": true, "'s": true, "’s": true,
}

// headlineBreak decides whether a single line break after token i ends a
// sentence although no terminal punctuation precedes it. The line
// (tokens lineStart..i) must not end with a lowercase word or with
// punctuation that continues a sentence, and the next line must not start
// in lowercase. Then the break ends a sentence when the next line starts
// with a list bullet, when the line is a title (the sentence began at the
// start of the line and every word is capitalised or a small function
// word), or when the break cannot come from wrapping: the line and the
// next word would have fitted in the longest line of the text.
func headlineBreak(text string, toks []doc.Token, lineStart, i int, atSentStart bool, maxLine int) bool {
	last, next := toks[i].Text, toks[i+1].Text
	lr, _ := utf8.DecodeRuneInString(last)
	nr, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(nr) {
		return false
	}
	switch nr {
	case '-', '*', '•', '·':
		return true
	}
	if unicode.IsLower(lr) {
		return false
	}
	switch last {
	case ",", ";", ":", "-", "–", "—", "(", "[", "&", "/", "“", "‘":
		return false
	}
	if lineStart < 0 || lineStart > i {
		lineStart = i
	}
	if atSentStart && i-lineStart < 40 {
		title := true
		for k := lineStart; k <= i && title; k++ {
			w := toks[k].Text
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsLower(r) && !smallWords[w] {
				title = false
			}
		}
		if title {
			return true
		}
	}
	lineLen := toks[i].End - toks[lineStart].Start
	nextWord := 0
	for k := toks[i+1].Start; k < len(text) && !isSpaceByte(text[k]); k++ {
		nextWord++
	}
	return lineLen+1+nextWord <= maxLine
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// capLength splits sentences longer than MaxSentenceTokens.
func capLength(toks []doc.Token, ends []int) []int {
	over := false
	start := 0
	for _, e := range ends {
		if e-start > MaxSentenceTokens {
			over = true
			break
		}
		start = e
	}
	if !over {
		return ends
	}
	out := make([]int, 0, len(ends)+len(toks)/MaxSentenceTokens)
	start = 0
	for _, e := range ends {
		for e-start > MaxSentenceTokens {
			cut := start + MaxSentenceTokens
			for k := cut - 1; k >= start+MaxSentenceTokens/2; k-- {
				switch toks[k].Text {
				case ";", ":", ",", "—", "–", "-", "--":
					cut = k + 1
				default:
					continue
				}
				break
			}
			out = append(out, cut)
			start = cut
		}
		out = append(out, e)
		start = e
	}
	return out
}

// isEllipsis reports whether w is "..", "...", "…" and the like: these end
// a sentence only before a capitalised word, unlike "." "!" and "?",
// which end one before a lowercase word too (web text often starts
// sentences in lowercase; measured on EWT and GUM dev).
func isEllipsis(w string) bool {
	return w == "…" || strings.HasPrefix(w, "..")
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}
