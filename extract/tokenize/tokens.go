package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/doc"
)

// Tokens splits text into tokens without grouping them into sentences.
// Text, Start, End and SpaceAfter are set; Start/End are byte offsets into
// text and Text == text[Start:End].
func Tokens(text string) []doc.Token {
	t := tokenizer{s: text, toks: make([]doc.Token, 0, len(text)/5+4)}
	n := len(text)
	for i := 0; i < n; {
		r, sz := decode(text, i)
		if isSpace(r) {
			i += sz
			continue
		}
		j := i + sz
		for j < n {
			r, sz := decode(text, j)
			if isSpace(r) {
				break
			}
			j += sz
		}
		t.chunk(i, j)
		i = j
	}
	for k := range t.toks {
		if e := t.toks[k].End; e < n {
			r, _ := decode(text, e)
			t.toks[k].SpaceAfter = isSpace(r)
		}
	}
	return t.toks
}

type tokenizer struct {
	s    string
	toks []doc.Token
}

func (t *tokenizer) emit(a, b int) {
	if b > a {
		t.toks = append(t.toks, doc.Token{Text: t.s[a:b], Start: a, End: b, Head: -1})
	}
}

// decode returns the rune at byte i of s and its width; an invalid byte is
// returned as utf8.RuneError with width 1.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeLast returns the rune ending just before byte i of s.
func decodeLast(s string, i int) (rune, int) {
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	if r < utf8.RuneSelf {
		return false
	}
	return unicode.IsSpace(r) || r == 0x200B || r == 0xFEFF
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	if r == utf8.RuneError {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return r != utf8.RuneError && unicode.IsLetter(r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isApos(r rune) bool { return r == '\'' || r == '’' }

// chunk tokenizes s[a:b], a run of non-space characters.
func (t *tokenizer) chunk(a, b int) {
	s := t.s
	for i := a; i < b; {
		c := s[i]
		if (c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F') && urlStart(s[i:b]) {
			e := urlEnd(s, i, b)
			t.emit(i, e)
			i = e
			continue
		}
		r, sz := decode(s, i)
		if isWordRune(r) {
			i = t.word(i, b)
			continue
		}
		e := i + sz
		switch c {
		case '#', '@':
			for e < b {
				r, sz := decode(s, e)
				if !isWordRune(r) {
					break
				}
				e += sz
			}
		case '.', '!', '?', '-', '*', '=':
			// runs: "...", "!!!", "?!", "--", "***", "==="
			for e < b && (s[e] == c || (c == '!' || c == '?') && (s[e] == '!' || s[e] == '?')) {
				e++
			}
		case '`', '\'':
			if e < b && s[e] == c {
				e++ // `` and ''
			} else if c == '\'' {
				e = cliticEnd(s, i, b)
			}
		case ':', ';':
			e = emoticonEnd(s, i, b)
		default:
			if r == '’' {
				e = cliticEnd(s, i, b)
			}
		}
		t.emit(i, e)
		i = e
	}
}

// cliticEnd returns the end of a stand-alone clitic such as "'s" or "’ll"
// starting at the apostrophe at i, or the end of the apostrophe alone.
func cliticEnd(s string, i, b int) int {
	_, sz := decode(s, i)
	e := i + sz
	k := e
	for k < b && k-e < 3 && isLetter(rune(s[k])) {
		k++
	}
	if k > e && (k == b || !isWordRune(rune(s[k]))) {
		switch strings.ToLower(s[e:k]) {
		case "s", "m", "d", "ll", "re", "ve", "em":
			return k
		}
	}
	return e
}

// emoticonEnd recognises ":)", ";-)", ":D" and the like at i.
func emoticonEnd(s string, i, b int) int {
	e := i + 1
	if e < b && s[e] == '-' {
		e++
	}
	if e < b {
		switch s[e] {
		case ')', '(', 'D', 'P', 'p':
			if e+1 == b || !isWordRune(rune(s[e+1])) {
				return e + 1
			}
		}
	}
	return i + 1
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

func urlStart(s string) bool {
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") ||
		hasPrefixFold(s, "ftp://") || (hasPrefixFold(s, "www.") && len(s) > 4 && isWordRune(rune(s[4])))
}

// urlEnd returns the end of a URL starting at i in the chunk ending at b:
// the rest of the chunk without trailing punctuation.
func urlEnd(s string, i, b int) int {
	paren := strings.IndexByte(s[i:b], '(') >= 0
	e := b
	for e > i+1 {
		r, sz := decodeLast(s, e)
		switch r {
		case '.', ',', ';', ':', '!', '?', '"', '\'', ']', '}', '>', '’', '”', '»':
		case ')':
			if paren {
				return e
			}
		default:
			return e
		}
		e -= sz
	}
	return e
}

// word scans a word starting at i (a letter, digit or underscore) and
// emits its tokens; it returns the end of the word.
func (t *tokenizer) word(i, b int) int {
	s := t.s
	e := i
	var prev rune
	hasDot, hasHyph := false, false
scan:
	for e < b {
		r, sz := decode(s, e)
		if isWordRune(r) {
			prev = r
			e += sz
			continue
		}
		if e+sz >= b {
			break
		}
		nr, nsz := decode(s, e+sz)
		switch {
		case r == '.' && isWordRune(nr):
			hasDot = true
		case r == ',' && isDigit(prev) && threeDigits(s, e+1, b):
		case r == '-' && isWordRune(nr):
			hasHyph = true
		case isApos(r) && isLetter(prev) && isLetter(nr):
		case r == '&' && isLetter(prev) && isLetter(nr) && e-i <= 3:
		case (r == ':' || r == '/') && isDigit(prev) && isDigit(nr):
		case r == '@':
			if d := domainEnd(s, e+1, b); d > 0 {
				e = d
				t.emit(i, e)
				return e
			}
			break scan
		default:
			break scan
		}
		prev = nr
		e += sz + nsz
	}
	if e+1 == b && s[e] == '-' && !hasHyph && !hasDot && isLetter(prev) {
		// a word broken off before a space ("th- complete"), one token in GUM
		e++
		t.emit(i, e)
		return e
	}
	if e < b && s[e] == '.' && (e+1 == b || s[e+1] != '.') && isAbbrev(s[i:e], hasDot, s[e+1:]) {
		e++
		t.emit(i, e)
		return e
	}
	if hasHyph {
		t.splitHyphens(i, e)
	} else {
		t.clitics(i, e)
	}
	return e
}

// threeDigits reports whether s[k:b] starts with exactly three digits (a
// thousands group).
func threeDigits(s string, k, b int) bool {
	if k+3 > b || !isDigit(rune(s[k])) || !isDigit(rune(s[k+1])) || !isDigit(rune(s[k+2])) {
		return false
	}
	return k+3 == b || !isDigit(rune(s[k+3]))
}

// domainEnd returns the end of an e-mail domain (labels joined by dots,
// at least two labels) starting at k, or 0.
func domainEnd(s string, k, b int) int {
	e, dots, lastDot := k, 0, -1
	for e < b {
		c := s[e]
		if c == '.' && e > k && lastDot != e-1 && e+1 < b && isWordRune(rune(s[e+1])) {
			dots++
			lastDot = e
		} else if !(c < utf8.RuneSelf && (isWordRune(rune(c)) || c == '-')) {
			break
		}
		e++
	}
	if dots == 0 || e == k {
		return 0
	}
	return e
}

var abbrevs = map[string]bool{}

func init() {
	// General English abbreviations that take a period, checked against
	// the tokens ending in "." of the EWT and GUM training sets. Words that
	// are also common words at the end of a sentence (Sun, Miss, Wash, Ill)
	// are left out.
	for _, w := range strings.Fields(`Mr Mrs Ms Mssrs Messrs Dr Prof Sr Jr St Gen Sen Sens Rep Reps Gov Govs
		Lt Col Sgt Capt Cmdr Adm Maj Rev Hon Pres Supt Insp Ft Mt Pt vs etc al Inc Corp Co Ltd Bros Cos
		Jan Feb Apr Jun Jul Aug Sep Sept Oct Nov Dec Tue Tues Thu Thur Thurs Fri
		Ave Blvd Rd Hwy Dept Univ Assn Attn approx dept est esp ext fig Fig yr yrs ft oz lb lbs mins hrs
		Ala Ariz Ark Calif Colo Conn Fla Ga Kan Kans Ky Md Mich Minn Neb Nev Okla Penn Tenn Tex Va Vt Wis Wyo
		Ph cf viz ca Cal Calif`) {
		abbrevs[w] = true
	}
}

// isAbbrev reports whether w followed by "." is one token: a known
// abbreviation, a single capital initial, an acronym with periods (U.S.,
// e.g., a.m., Ph.D.), or "No." before a number.
func isAbbrev(w string, hasDot bool, after string) bool {
	if hasDot {
		seg := 0
		for k := 0; k < len(w); k++ {
			c := w[k]
			switch {
			case c == '.':
				seg = 0
			case c < utf8.RuneSelf && isLetter(rune(c)):
				seg++
				if seg > 2 {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	if len(w) == 1 {
		if w == "c" { // circa
			after = strings.TrimLeft(after, " ")
			return len(after) > 0 && isDigit(rune(after[0]))
		}
		return 'A' <= w[0] && w[0] <= 'Z'
	}
	if len(w) > 6 {
		return false
	}
	if abbrevs[w] {
		return true
	}
	if upper := strings.ToUpper(w); upper == w && len(w) > 1 && abbrevs[w[:1]+strings.ToLower(w[1:])] {
		return true // GEN. SEN. in capitals
	}
	if w == "No" || w == "no" || w == "Nos" {
		after = strings.TrimLeft(after, " ")
		return len(after) > 0 && isDigit(rune(after[0]))
	}
	return false
}

// keepPrefixes are the hyphenated prefixes EWT and GUM keep attached to
// the following word ("non-profit", "e-mail", "co-founder"): those kept
// more often than split in the training sets.
var keepPrefixes = map[string]bool{}

func init() {
	for _, p := range strings.Fields(`anti co counter cross e ex inter intra micro mid mini multi non over post pre pro psycho re semi socio sub ultra`) {
		keepPrefixes[p] = true
	}
}

func lowerASCII(buf []byte, w string) ([]byte, bool) {
	buf = buf[:0]
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			return buf, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, true
}

func isKeptPrefix(w string) bool {
	if len(w) > 8 {
		return false
	}
	var a [8]byte
	l, ok := lowerASCII(a[:0], w)
	return ok && keepPrefixes[string(l)]
}

// splitHyphens emits s[i:e], a word containing hyphens, split at the
// hyphens as EWT does: "high - rise", "Chile - Peru", "15 - year",
// but "non-profit", "e-mail", phone numbers and ISO dates whole.
func (t *tokenizer) splitHyphens(i, e int) {
	s := t.s
	if digitGroups(s[i:e]) {
		t.emit(i, e)
		return
	}
	start := i
	for k := i; k < e; k++ {
		if s[k] != '-' {
			continue
		}
		if isKeptPrefix(s[start:k]) {
			continue
		}
		t.clitics(start, k)
		t.emit(k, k+1)
		start = k + 1
	}
	t.clitics(start, e)
}

// digitGroups reports whether w is digits joined by hyphens in the shape
// of a phone number or date: three or more groups, or 3+4 digits.
func digitGroups(w string) bool {
	groups, n, first := 1, 0, 0
	for k := 0; k < len(w); k++ {
		switch c := w[k]; {
		case c == '-':
			if groups == 1 {
				first = n
			}
			groups++
			n = 0
		case '0' <= c && c <= '9':
			n++
		default:
			return false
		}
	}
	return groups >= 3 || groups == 2 && first == 3 && n == 4
}

// splitForms are contractions written without an apostrophe, with the
// byte length of their first word, as EWT and GUM split them.
var splitForms = map[string]int{
	"gonna": 3, "wanna": 3, "gotta": 3, "outta": 3, "lotta": 3, "kinda": 4, "sorta": 4, "cannot": 3,
	"dont": 2, "didnt": 3, "doesnt": 4, "isnt": 2, "wasnt": 3, "arent": 3, "werent": 4,
	"couldnt": 5, "wouldnt": 5, "shouldnt": 6, "havent": 4, "hasnt": 3, "hadnt": 3,
	"aint": 2, "cant": 2, "wont": 2, "im": 1, "ive": 1, "youre": 3, "thats": 4, "theres": 5, "whats": 4,
}

// clitics emits s[i:e] split into a word and its clitic: "do n't",
// "ca n't", "Merkel 's", "I 'm", "gon na", "can not".
func (t *tokenizer) clitics(i, e int) {
	s := t.s
	w := s[i:e]
	if k := unitSplit(w); k > 0 {
		t.emit(i, i+k)
		t.emit(i+k, e)
		return
	}
	if len(w) >= 4 {
		// n't / n’t
		r, sz := decodeLast(s, e)
		if r == 't' || r == 'T' {
			a, asz := decodeLast(s, e-sz)
			if isApos(a) {
				k := e - sz - asz
				if k-1 > i && (s[k-1] == 'n' || s[k-1] == 'N') {
					t.emit(i, k-1)
					t.emit(k-1, e)
					return
				}
			}
		}
	}
	// 's 'm 'd 'll 're 've
	for k := e - 1; k > i && k >= e-5; k-- {
		r, sz := decode(s, k)
		if !isApos(r) {
			continue
		}
		if k+sz >= e {
			break
		}
		var a [4]byte
		l, _ := lowerASCII(a[:0], s[k+sz:e])
		switch string(l) {
		case "s", "m", "d", "ll", "re", "ve":
			if p, _ := decodeLast(s, k); isLetter(p) {
				t.emit(i, k)
				t.emit(k, e)
				return
			}
		}
		break
	}
	if len(w) <= 8 {
		var a [8]byte
		if l, ok := lowerASCII(a[:0], w); ok {
			if string(l) == "its" && itsIsItIs(s[e:]) || w == "Lets" {
				t.emit(i, i+len(w)-1)
				t.emit(i+len(w)-1, e)
				return
			}
			if n, ok := splitForms[string(l)]; ok {
				t.emit(i, i+n)
				t.emit(i+n, e)
				return
			}
		}
	}
	t.emit(i, e)
}

// itIsNext are words that cannot follow the possessive "its" but often
// follow "its" written for "it's" in web text (EWT splits those).
var itIsNext = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the not very really just all also been still only now simply
		definitely like as for from too always never going gonna quite pretty probably actually about
		what that this because`) {
		itIsNext[w] = true
	}
}

// itsIsItIs reports whether the text after "its" starts with a word of
// itIsNext.
func itsIsItIs(rest string) bool {
	k := 0
	for k < len(rest) && (rest[k] == ' ' || rest[k] == '\t') {
		k++
	}
	if k == 0 {
		return false
	}
	e := k
	for e < len(rest) && e-k < 12 && isLetter(rune(rest[e])) {
		e++
	}
	if e == k || e-k >= 12 || e < len(rest) && isWordRune(rune(rest[e])) {
		return false
	}
	var a [12]byte
	l, _ := lowerASCII(a[:0], rest[k:e])
	return itIsNext[string(l)]
}

// units are the unit and time suffixes that EWT and GUM split from a
// number written against them ("375 mm", "10 pm", "650 k"); ordinals
// and decades ("2nd", "1990s") stay whole.
var units = map[string]bool{}

func init() {
	for _, u := range strings.Fields(`m k b bn pm am mm cm km kg g mg lb lbs ft mph gb mb kb tb hz ghz min hr hrs yr yrs x`) {
		units[u] = true
	}
}

// unitSplit returns the length of the number in w when w is a number
// followed by a unit, else 0.
func unitSplit(w string) int {
	k := 0
	for k < len(w) && (isDigit(rune(w[k])) || k > 0 && (w[k] == '.' || w[k] == ',')) {
		k++
	}
	if k == 0 || k == len(w) || len(w)-k > 3 || !isDigit(rune(w[k-1])) {
		return 0
	}
	var a [3]byte
	l, ok := lowerASCII(a[:0], w[k:])
	if !ok || !units[string(l)] {
		return 0
	}
	return k
}
