package lexicon

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/kg-project/kg/extract/doc"
)

// Minimum counts for the learned tables.
const (
	minNounCount  = 3 // mentions headed by the lemma
	minTitleCount = 2 // title uses before a name in a person mention
)

// Builder learns the lexicon tables from annotated sentences: noun types
// and titles from GUM entity mentions (AddGUM), past-tense forms from any
// tagged treebank (AddPast). Write emits the tables in a fixed order, so
// equal input gives byte-identical output.
type Builder struct {
	nouns  map[string]map[string]int // head lemma → GUM type → mentions
	titles map[string]int            // title lemma → uses before a name
	titleX map[string]int            // same, outside entity annotations
	title2 map[string]int            // "prime minister" → uses
	common map[string]bool           // lemmas seen as lower-case common nouns
	abbr   map[string]bool           // titles seen written with a period
	named  map[string]int            // title uses that begin the person's own name (GUM's Wikipedia identity)
	past   map[string]map[string]int // verb lemma → VBD form → count
	gender map[string]map[string]int // first name → "m"/"f" → chains
	chains map[string]*chain         // the current document's person chains
}

// chain is what one GUM coreference chain says about a person: the first
// names it is called by and the gendered pronouns that refer to it.
type chain struct {
	first []string
	m, f  int
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{
		nouns:  map[string]map[string]int{},
		titles: map[string]int{},
		titleX: map[string]int{},
		title2: map[string]int{},
		common: map[string]bool{},
		abbr:   map[string]bool{},
		named:  map[string]int{},
		past:   map[string]map[string]int{},
		gender: map[string]map[string]int{},
		chains: map[string]*chain{},
	}
}

// AddGUMGender adds one GUM sentence to the first-name genders learned
// from coreference: a person chain that is called "Jane Smith" and
// referred to by "she" votes Jane female. newDoc starts a new document
// (chain ids are per document).
func (b *Builder) AddGUMGender(s *doc.Sentence, newDoc bool) error {
	if newDoc {
		b.flushChains()
	}
	ms, err := mentions(s)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.typ != "person" {
			continue
		}
		c := b.chains[m.id]
		if c == nil {
			c = &chain{}
			b.chains[m.id] = c
		}
		if m.end-m.start == 1 {
			switch strings.ToLower(s.Tokens[m.start].Text) {
			case "he", "him", "his", "himself":
				c.m++
			case "she", "her", "hers", "herself":
				c.f++
			}
			continue
		}
		// A name of two or more proper nouns: its first word.
		if s.Tokens[m.start].UPOS == "PROPN" && s.Tokens[m.start+1].UPOS == "PROPN" {
			c.first = append(c.first, s.Tokens[m.start].Text)
		}
	}
	return nil
}

func (b *Builder) flushChains() {
	for _, c := range b.chains {
		g := ""
		switch {
		case c.m > 0 && c.f == 0:
			g = "m"
		case c.f > 0 && c.m == 0:
			g = "f"
		}
		if g == "" {
			continue
		}
		seen := map[string]bool{}
		for _, n := range c.first {
			if !seen[n] {
				seen[n] = true
				inc(b.gender, n, g)
			}
		}
	}
	b.chains = map[string]*chain{}
}

func inc(m map[string]map[string]int, k, v string) {
	if m[k] == nil {
		m[k] = map[string]int{}
	}
	m[k][v]++
}

// norm lower-cases a word and drops a trailing period ("Mr." → "mr").
func norm(w string) string {
	w = strings.ToLower(strings.TrimSpace(w))
	if len(w) > 1 {
		w = strings.TrimSuffix(w, ".")
	}
	return w
}

// baseRel returns a dependency relation without its subtype.
func baseRel(r string) string {
	b, _, _ := strings.Cut(r, ":")
	return b
}

// AddGUM adds one GUM sentence (MISC column with Entity= spans). It
// returns an error for malformed entity annotations.
func (b *Builder) AddGUM(s *doc.Sentence) error {
	ms, err := mentions(s)
	if err != nil {
		return err
	}
	b.addCommon(s)
	for _, m := range ms {
		h := s.SpanHead(doc.Span{Start: m.start, End: m.end})
		if h < 0 {
			continue
		}
		if t := &s.Tokens[h]; t.UPOS == "NOUN" {
			if l := norm(t.Lemma); l != "" {
				inc(b.nouns, l, m.typ)
			}
		}
		if m.typ != "person" {
			continue
		}
		// Titles: a modifier directly before the proper noun heading the
		// mention ("President Obama", "Dr. Jane Smith").
		for i := m.start; i+1 < m.end; i++ {
			t := &s.Tokens[i]
			if t.Head-1 != h {
				continue
			}
			l, ok := titleCand(s, i)
			if !ok {
				continue
			}
			b.titles[l]++
			if strings.HasPrefix(m.identity, t.Text+"_") {
				b.named[l]++ // "Dean Kamen" (Dean_Kamen): the person's own first name
			}
			if strings.HasSuffix(t.Text, ".") {
				b.abbr[l] = true
			}
			if w, ok := titleMod(s, i); ok && i-1 >= m.start {
				b.title2[w+" "+l]++
			}
		}
	}
	return nil
}

// titleCand reports whether token i is a capitalised noun modifying (as
// compound, flat or nmod:desc) the proper noun right after it, and returns
// its normalised lemma.
func titleCand(s *doc.Sentence, i int) (string, bool) {
	t := &s.Tokens[i]
	hd := t.Head - 1
	if hd != i+1 || hd >= len(s.Tokens) || s.Tokens[hd].UPOS != "PROPN" {
		return "", false
	}
	switch t.DepRel {
	case "compound", "flat", "nmod:desc":
	default:
		return "", false
	}
	if t.UPOS != "NOUN" && t.UPOS != "PROPN" || t.Text == "" || !unicode.IsUpper([]rune(t.Text)[0]) {
		return "", false
	}
	l := norm(t.Lemma)
	return l, isWord(l)
}

// titleMod returns the normalised word before a title at i when it is a
// capitalised compound or adjective modifier of the title ("Prime
// Minister", "Vice President").
func titleMod(s *doc.Sentence, i int) (string, bool) {
	j := i - 1
	if j < 0 || s.Tokens[j].Head-1 != i || s.Tokens[j].Text == "" || !unicode.IsUpper([]rune(s.Tokens[j].Text)[0]) {
		return "", false
	}
	if _, ok := Place(s.Tokens[j].Text); ok {
		return "", false // "Nepalese king": a nationality, not a title
	}
	if _, ok := IsCountryAlias(s.Tokens[j].Text); ok {
		return "", false
	}
	switch baseRel(s.Tokens[j].DepRel) {
	case "compound", "amod":
		w := norm(s.Tokens[j].Text)
		return w, isWord(w)
	}
	return "", false
}

// AddTitles counts title candidates in a treebank without entity
// annotations (EWT): a capitalised noun directly before the proper noun it
// modifies. Write keeps those whose lemma GUM shows to denote persons.
func (b *Builder) AddTitles(s *doc.Sentence) {
	for i := range s.Tokens {
		if l, ok := titleCand(s, i); ok {
			b.titleX[l]++
			if w, ok := titleMod(s, i); ok {
				b.title2[w+" "+l]++
			}
		}
	}
}

// addCommon records the lemmas of lower-case common nouns, which tell
// titles ("president") from names used as modifiers.
func (b *Builder) addCommon(s *doc.Sentence) {
	for _, t := range s.Tokens {
		if t.UPOS == "NOUN" && t.Text != "" && unicode.IsLower([]rune(t.Text)[0]) {
			b.common[norm(t.Lemma)] = true
		}
	}
}

// AddPast adds the past-tense verb forms (XPOS VBD) of a tagged sentence
// (and its lower-case common nouns, for the title filter). Tokens marked
// as typos are skipped.
func (b *Builder) AddPast(s *doc.Sentence) {
	b.addCommon(s)
	for _, t := range s.Tokens {
		if t.XPOS != "VBD" || strings.Contains(t.Feats, "Typo=Yes") {
			continue
		}
		l, f := strings.ToLower(t.Lemma), strings.ToLower(t.Text)
		if !isWord(l) || !isWord(f) {
			continue
		}
		inc(b.past, l, f)
	}
}

// isWord reports whether w is a non-empty run of letters, hyphens and
// apostrophes starting and ending with a letter.
func isWord(w string) bool {
	rs := []rune(w)
	for i, r := range rs {
		if unicode.IsLetter(r) {
			continue
		}
		if i > 0 && i < len(rs)-1 && (r == '-' || r == '\'') {
			continue
		}
		return false
	}
	return len(rs) > 0
}

// best returns the most frequent key of m (ties: alphabetically first),
// its count and the total count.
func best(m map[string]int) (string, int, int) {
	var k string
	n, tot := 0, 0
	for x, c := range m {
		tot += c
		if c > n || (c == n && x < k) {
			k, n = x, c
		}
	}
	return k, n, tot
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Stats counts the entries of each table Write would emit.
type Stats struct {
	Nouns, Titles, Titles2, Past, Genders int
}

// Write writes the learned tables as gzipped tab-separated lines:
//
//	N lemma gumtype share count   noun type (≥3 mentions)
//	T lemma count                 one-word title (≥2 uses)
//	W word word count             two-word title (≥2 uses)
//	P lemma form                  past tense differing from the regular rule
//	G firstname m|f chains        gender of a first name (chains agree)
func (b *Builder) Write(w io.Writer) (Stats, error) {
	var st Stats
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return st, fmt.Errorf("lexicon: %w", err)
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, "# kg lexicon: generated by `go run ./cmd/kgtrain lexicon`; do not edit")
	for _, l := range sortedKeys(b.nouns) {
		typ, n, tot := best(b.nouns[l])
		if tot < minNounCount {
			continue
		}
		fmt.Fprintf(bw, "N\t%s\t%s\t%.2f\t%d\n", l, typ, float64(n)/float64(tot), tot)
		st.Nouns++
	}
	titles := map[string]int{}
	for l, c := range b.titles {
		// A word that mostly begins the name itself, as GUM's Wikipedia
		// identities spell it ("Dean Kamen", "Dean Acheson"), is a first
		// name, not a title.
		if c -= b.named[l]; c >= minTitleCount && (b.common[l] || b.abbr[l] || isAbbrev(l)) && b.personal(l) {
			titles[l] = c
		}
	}
	// Candidates outside person mentions need GUM's word that the noun
	// denotes persons.
	for l, c := range b.titleX {
		typ, n, tot := best(b.nouns[l])
		if c+b.titles[l] >= minTitleCount && b.common[l] && tot >= minNounCount && typ == "person" && 2*n > tot {
			titles[l] = c + b.titles[l]
		}
	}
	for _, l := range sortedKeys(titles) {
		fmt.Fprintf(bw, "T\t%s\t%d\n", l, titles[l])
		st.Titles++
	}
	for _, l := range sortedKeys(b.title2) {
		c := b.title2[l]
		first, second, _ := strings.Cut(l, " ")
		if c >= minTitleCount && titles[second] > 0 {
			fmt.Fprintf(bw, "W\t%s\t%s\t%d\n", first, second, c)
			st.Titles2++
		}
	}
	b.flushChains()
	for _, n := range sortedKeys(b.gender) {
		g, c, tot := best(b.gender[n])
		if tot >= 1 && c == tot && !lexiconTitle(n) {
			fmt.Fprintf(bw, "G\t%s\t%s\t%d\n", n, g, c)
			st.Genders++
		}
	}
	for _, l := range sortedKeys(b.past) {
		f, _, _ := best(b.past[l])
		if f != regularPast(l) {
			fmt.Fprintf(bw, "P\t%s\t%s\n", l, f)
			st.Past++
		}
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("lexicon: %w", err)
	}
	if err := zw.Close(); err != nil {
		return st, fmt.Errorf("lexicon: %w", err)
	}
	return st, nil
}

// personal reports whether a title candidate is not known to denote
// something other than a person: as the head of GUM mentions it is
// either rare or mostly (over half) a person.
func (b *Builder) personal(l string) bool {
	typ, n, tot := best(b.nouns[l])
	return tot < minNounCount || (typ == "person" && 2*n > tot)
}

// isAbbrev reports whether a (normalised) title is a short abbreviation
// such as "mr" or "dr", which never occur as lower-case common nouns.
func isAbbrev(l string) bool {
	if len(l) > 4 {
		return false
	}
	for _, r := range l {
		if !strings.ContainsRune("aeiou", r) {
			continue
		}
		return false
	}
	return true
}

type mention struct {
	typ        string
	start, end int    // 0-based token span [start, end)
	id         string // coreference chain within the document
	identity   string // the Wikipedia title GUM links it to ("Dean_Kamen"), if any
}

// mentions parses the Entity= spans of a GUM sentence's MISC column:
// "(12-person-..." opens mention 12, "12)" closes it, "(12-person-...)"
// is a one-token mention; mentions nest. Mentions left open are dropped.
func mentions(s *doc.Sentence) ([]mention, error) {
	type open struct {
		id, typ string
		start   int
		ident   string
	}
	var out []mention
	var stack []open
	for i, t := range s.Tokens {
		var v string
		for _, f := range strings.Split(t.Misc, "|") {
			if k, val, ok := strings.Cut(f, "="); ok && k == "Entity" {
				v = val
			}
		}
		for p := 0; p < len(v); {
			switch {
			case v[p] == '(':
				q := p + 1
				for q < len(v) && v[q] != '(' && v[q] != ')' {
					q++
				}
				attrs := strings.Split(v[p+1:q], "-")
				if len(attrs) < 2 {
					return nil, fmt.Errorf("sentence %s token %d: bad entity %q", s.ID, i+1, v)
				}
				ident := ""
				if len(attrs) > 7 {
					ident = strings.Join(attrs[7:], "-")
				}
				if q < len(v) && v[q] == ')' {
					out = append(out, mention{attrs[1], i, i + 1, attrs[0], ident})
					q++
				} else {
					stack = append(stack, open{attrs[0], attrs[1], i, ident})
				}
				p = q
			case v[p] >= '0' && v[p] <= '9':
				q := p
				for q < len(v) && v[q] != ')' {
					q++
				}
				if q == len(v) {
					return nil, fmt.Errorf("sentence %s token %d: bad entity close in %q", s.ID, i+1, v)
				}
				id := v[p:q]
				k := len(stack) - 1
				for k >= 0 && stack[k].id != id {
					k--
				}
				if k < 0 {
					return nil, fmt.Errorf("sentence %s token %d: entity %s closed but not open", s.ID, i+1, id)
				}
				out = append(out, mention{stack[k].typ, stack[k].start, i + 1, id, stack[k].ident})
				stack = append(stack[:k], stack[k+1:]...)
				p = q + 1
			default:
				return nil, fmt.Errorf("sentence %s token %d: unexpected %q in entity %q", s.ID, i+1, v[p], v)
			}
		}
	}
	return out, nil
}

// lexiconTitle keeps honorifics ("Mr", "Dr") out of the first names.
func lexiconTitle(n string) bool { return commonTitles[norm(n)] }
