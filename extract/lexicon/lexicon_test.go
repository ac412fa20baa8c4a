package lexicon

import (
	"bytes"
	"io"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
)

func TestPlace(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Israeli", "Israel"},
		{"israeli", "Israel"},
		{"Israelis", "Israel"},
		{"Palestinian", "Palestine"},
		{"American", "United States"},
		{"British", "United Kingdom"},
		{"Chinese", "China"},
		{"Iranian", "Iran"},
		{"Saudi", "Saudi Arabia"},
		{"European", "Europe"},
		{"Texan", "Texas"},
		{"Californian", "California"},
		{"South  Korean", "South Korea"},
		{"Frenchmen", "France"},
		{"Swiss", "Switzerland"},
	} {
		got, ok := Place(c.in)
		if !ok || got != c.want {
			t.Errorf("Place(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, in := range []string{"", "table", "run", "Israel", "s"} {
		if got, ok := Place(in); ok {
			t.Errorf("Place(%q) = %q, want not found", in, got)
		}
	}
}

func TestIsCountryAlias(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"US", "United States"},
		{"U.S.", "United States"},
		{"USA", "United States"},
		{"U.S.A.", "United States"},
		{"America", "United States"},
		{"UK", "United Kingdom"},
		{"U.K.", "United Kingdom"},
		{"Britain", "United Kingdom"},
		{"the UAE", "United Arab Emirates"},
		{"burma", "Myanmar"},
	} {
		got, ok := IsCountryAlias(c.in)
		if !ok || got != c.want {
			t.Errorf("IsCountryAlias(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, in := range []string{"us", "Us", "uk", "", "the", "France"} {
		if got, ok := IsCountryAlias(in); ok {
			t.Errorf("IsCountryAlias(%q) = %q, want not an alias", in, got)
		}
	}
}

func TestTablesSorted(t *testing.T) {
	for name, tsv := range map[string]string{"demonyms": demonymsTSV, "countryAliases": countryAliasesTSV} {
		tab, err := parsePairs(tsv)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if len(tab) < 50 {
			t.Errorf("%s: %d entries", name, len(tab))
		}
	}
	for name, tab := range map[string][][2]string{"demonyms": demonyms[:], "countryAliases": countryAliases[:]} {
		if !sort.SliceIsSorted(tab, func(i, j int) bool { return tab[i][0] < tab[j][0] }) {
			t.Errorf("%s is not sorted", name)
		}
		for i := 1; i < len(tab); i++ {
			if tab[i][0] == tab[i-1][0] {
				t.Errorf("%s: duplicate key %q", name, tab[i][0])
			}
		}
	}
	for _, d := range demonyms {
		if _, ok := Place(d[0]); !ok {
			t.Errorf("Place(%q) not found", d[0])
		}
	}
}

func TestNounType(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"city", "LOCATION"},
		{"country", "LOCATION"},
		{"company", "ORGANIZATION"},
		{"government", "ORGANIZATION"},
		{"leader", "PERSON"},
		{"war", "EVENT"},
		{"statement", "abstract"},
		{"year", "time"},
		{"City", "LOCATION"},
	} {
		typ, share, ok := NounType(c.in)
		if !ok || typ != c.want {
			t.Errorf("NounType(%q) = %q, %.2f, %v; want %q", c.in, typ, share, ok, c.want)
		}
		if share <= 0 || share > 1 {
			t.Errorf("NounType(%q) share %.2f out of (0,1]", c.in, share)
		}
	}
	if typ, _, ok := NounType("xyzzy"); ok {
		t.Errorf("NounType(xyzzy) = %q, want unknown", typ)
	}
}

func TestTitles(t *testing.T) {
	for _, w := range []string{"president", "President", "king", "general", "Dr.", "mr"} {
		if !IsTitle(w) {
			t.Errorf("IsTitle(%q) = false", w)
		}
	}
	for _, w := range []string{"city", "the", "", "Labour", "culture"} {
		if IsTitle(w) {
			t.Errorf("IsTitle(%q) = true", w)
		}
	}
	for _, c := range []struct {
		in   []string
		want int
	}{
		{[]string{"Vice", "President", "Biden"}, 2},
		{[]string{"prime", "minister", "of"}, 2},
		{[]string{"President", "Obama"}, 1},
		{[]string{"Mr.", "Smith"}, 1},
		{[]string{"Barack", "Obama"}, 0},
		{nil, 0},
	} {
		if got := TitleWords(c.in); got != c.want {
			t.Errorf("TitleWords(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestPast(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// learned irregular forms
		{"speak", "spoke"},
		{"go", "went"},
		{"be", "was"},
		{"Take", "took"},
		// regular forms (learned or by rule)
		{"kill", "killed"},
		{"topple", "toppled"},
		{"stop", "stopped"},
		{"carry", "carried"},
		{"play", "played"},
		{"visit", "visited"},
		{"", ""},
	} {
		if got := Past(c.in); got != c.want {
			t.Errorf("Past(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRegularPast(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"kill", "killed"}, {"topple", "toppled"}, {"agree", "agreed"},
		{"stop", "stopped"}, {"plan", "planned"}, {"grab", "grabbed"},
		{"rain", "rained"}, {"fix", "fixed"}, {"row", "rowed"},
		{"visit", "visited"}, {"open", "opened"}, {"try", "tried"},
		{"obey", "obeyed"}, {"panic", "panicked"}, {"x", "xed"},
	} {
		if got := regularPast(c.in); got != c.want {
			t.Errorf("regularPast(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// build learns tables from the first n sentences of GUM train.
func build(t *testing.T, n int) []byte {
	t.Helper()
	const name = "gum/en_gum-ud-train.conllu"
	f, err := corpora.Open(name)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	b := NewBuilder()
	rd := conllu.NewReader(f, name)
	for i := 0; i < n; i++ {
		s, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := b.AddGUM(&s.Sentence); err != nil {
			t.Fatal(err)
		}
		b.AddPast(&s.Sentence)
	}
	var buf bytes.Buffer
	if _, err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBuildDeterministic(t *testing.T) {
	a, b := build(t, 2000), build(t, 2000)
	if !bytes.Equal(a, b) {
		t.Fatal("two builds from the same sentences differ")
	}
	tab, err := parse(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.nouns) == 0 || len(tab.past) == 0 {
		t.Errorf("built tables too small: %d nouns, %d past forms", len(tab.nouns), len(tab.past))
	}
}

func TestEmbeddedParses(t *testing.T) {
	tab, err := parse(embedded)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.nouns) < 500 || len(tab.titles) < 10 || len(tab.past) < 50 {
		t.Errorf("embedded tables too small: %d nouns, %d titles, %d past forms", len(tab.nouns), len(tab.titles), len(tab.past))
	}
	if _, err := parse([]byte("not gzip")); err == nil {
		t.Error("parse of garbage succeeded")
	}
}

func TestMentions(t *testing.T) {
	const name = "gum/en_gum-ud-train.conllu"
	f, err := corpora.Open(name)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	rd := conllu.NewReader(f, name)
	s, err := rd.Read()
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Tokens {
		s.Tokens[i].Misc = "_"
	}
	s.Tokens[0].Misc = "Entity=(1-person-x(2-place-y)"
	s.Tokens[1].Misc = "Entity=1)"
	ms, err := mentions(&s.Sentence)
	if err != nil || len(ms) != 2 || ms[0] != (mention{"place", 0, 1, "2", ""}) || ms[1] != (mention{"person", 0, 2, "1", ""}) {
		t.Errorf("mentions = %v, %v", ms, err)
	}
	s.Tokens[1].Misc = "Entity=7)"
	if _, err := mentions(&s.Sentence); err == nil {
		t.Error("close without open accepted")
	}
}

func BenchmarkParseEmbedded(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := parse(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPlaceName(t *testing.T) {
	for in, want := range map[string]string{"United States": "United States", "united  states": "United States", "U.S.": "United States", "Israel": "Israel", "Texas": "Texas"} {
		if got, ok := PlaceName(in); !ok || got != want {
			t.Errorf("PlaceName(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Biden", "us", "Hamas", ""} {
		if got, ok := PlaceName(in); ok {
			t.Errorf("PlaceName(%q) = %q, want no place", in, got)
		}
	}
}

func TestGender(t *testing.T) {
	if g, ok := Gender("Barbara"); !ok || g != 'f' {
		t.Errorf("Gender(Barbara) = %c, %v", g, ok)
	}
	if g, ok := Gender("Barack"); !ok || g != 'm' {
		t.Errorf("Gender(Barack) = %c, %v", g, ok)
	}
	if _, ok := Gender("Mr"); ok {
		t.Error("an honorific learned as a first name")
	}
}

func TestParsePairs(t *testing.T) {
	got, err := parsePairs("# comment\n\nfrench\tFrance\nbad line\nx\t\n")
	if err == nil {
		t.Error("malformed lines gave no error")
	}
	if len(got) != 1 || got[0] != [2]string{"french", "France"} {
		t.Errorf("parsePairs = %v, want the one good pair", got)
	}
}

// TestFirstNameIsNoTitle: a capitalised word before a person's name that
// GUM's Wikipedia identity shows to begin the name itself ("Dean Kamen"
// is Dean_Kamen) is a first name, not a title, however often it
// occurs; one the identity leaves out ("President Smith" is John_Smith)
// is a title.
func TestFirstNameIsNoTitle(t *testing.T) {
	row := func(i int, form, upos string, head int, rel, misc string) string {
		return strings.Join([]string{itoa(i), form, form, upos, "_", "_", itoa(head), rel, "_", misc}, "\t")
	}
	var text strings.Builder
	for _, p := range [][3]string{{"Dean", "Kamen", "Dean_Kamen"}, {"Dean", "Acheson", "Dean_Acheson"}, {"President", "Smith", "John_Smith"}, {"President", "Jones", "Ann_Jones"}} {
		text.WriteString("# text = " + p[0] + " " + p[1] + " spoke\n")
		text.WriteString(row(1, p[0], "PROPN", 2, "nmod:desc", "Entity=(1-person-new-nnnnn-cf1-1,2-sgl-"+p[2]) + "\n")
		text.WriteString(row(2, p[1], "PROPN", 3, "nsubj", "Entity=1)") + "\n")
		text.WriteString(row(3, "spoke", "VERB", 0, "root", "_") + "\n\n")
	}
	// Both words are common nouns too: "the dean", "the president".
	for _, w := range []string{"dean", "president"} {
		text.WriteString("# text = the " + w + " spoke\n")
		text.WriteString(row(1, "the", "DET", 2, "det", "_") + "\n" + row(2, w, "NOUN", 3, "nsubj", "_") + "\n" + row(3, "spoke", "VERB", 0, "root", "_") + "\n\n")
	}
	ss, err := conllu.ReadAll(strings.NewReader(text.String()), "t")
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	for _, s := range ss {
		if err := b.AddGUM(&s.Sentence); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tab, err := parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if tab.titles["dean"] {
		t.Error("dean learned as a title from names that begin with it")
	}
	if !tab.titles["president"] {
		t.Error("president not learned as a title")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
