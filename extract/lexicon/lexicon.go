// Package lexicon holds the general English word knowledge kg's fact
// extractor consults: a gazetteer of demonyms and country short forms
// (Place, IsCountryAlias), the entity type a common noun usually denotes
// (NounType), person titles (IsTitle, TitleWords) and past-tense verb forms
// (Past).
//
// The gazetteer is a hand-written table of general knowledge; the other
// tables are learned from the GUM and UD English EWT training treebanks by
// `go run ./cmd/kgtrain lexicon` (see Builder) and embedded from
// data/lexicon.tsv.gz, parsed lazily on first use. The package must not
// hold words or rules written for particular article texts, and it must not
// read corpora at run time.
package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/lexicon.tsv.gz
var embedded []byte

// Entity types of kg that GUM types map to; other GUM types (abstract,
// object, time, substance, animal, plant, quantity ...) are kept as is.
var gumToKG = map[string]string{
	"person":       "PERSON",
	"organization": "ORGANIZATION",
	"place":        "LOCATION",
	"event":        "EVENT",
}

type nounType struct {
	typ   string
	share float64
}

type tables struct {
	nouns  map[string]nounType
	titles map[string]bool
	title2 map[string]bool // "prime minister"
	past   map[string]string
	gender map[string]byte // first name → 'm' or 'f'
}

var (
	once   sync.Once
	loaded *tables
)

func load() *tables {
	once.Do(func() {
		t, err := parse(embedded)
		if err != nil {
			// The embedded file is generated and tested; a broken one
			// leaves the learned tables empty rather than panicking.
			t = &tables{map[string]nounType{}, map[string]bool{}, map[string]bool{}, map[string]string{}, map[string]byte{}}
		}
		loaded = t
	})
	return loaded
}

// parse reads the gzipped tables written by Builder.Write.
func parse(data []byte) (*tables, error) {
	t := &tables{map[string]nounType{}, map[string]bool{}, map[string]bool{}, map[string]string{}, map[string]byte{}}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, errorf("lexicon.tsv.gz: %w", err)
	}
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		switch {
		case f[0] == "" || strings.HasPrefix(f[0], "#"):
		case f[0] == "N" && len(f) == 5:
			sh, err := strconv.ParseFloat(f[3], 64)
			if err != nil {
				return nil, errorf("lexicon.tsv.gz:%d: %w", line, err)
			}
			typ := f[2]
			if k, ok := gumToKG[typ]; ok {
				typ = k
			}
			t.nouns[f[1]] = nounType{typ, sh}
		case f[0] == "T" && len(f) == 3:
			t.titles[f[1]] = true
		case f[0] == "W" && len(f) == 4:
			t.title2[f[1]+" "+f[2]] = true
		case f[0] == "P" && len(f) == 3:
			t.past[f[1]] = f[2]
		case f[0] == "G" && len(f) == 4 && (f[2] == "m" || f[2] == "f"):
			t.gender[f[1]] = f[2][0]
		default:
			return nil, errorf("lexicon.tsv.gz:%d: bad line %q", line, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		return nil, errorf("lexicon.tsv.gz: %w", err)
	}
	return t, nil
}

// NounType returns the entity type that mentions headed by the common noun
// lemma most often have in GUM train, and the share of its mentions with
// that type. Types are kg's PERSON, ORGANIZATION, LOCATION and EVENT, or
// GUM's own name for the rest ("abstract", "object", "time", "substance",
// "animal", "plant", "quantity", ...). Only lemmas heading at least three
// mentions are known. The lemma is matched lower-cased.
func NounType(lemma string) (typ string, share float64, ok bool) {
	n, ok := load().nouns[norm(lemma)]
	return n.typ, n.share, ok
}

// IsTitle reports whether lemma is used in GUM train as a title directly
// before a person's name at least twice ("president", "minister", "mr",
// "dr"). Case and a trailing period are ignored.
func IsTitle(lemma string) bool {
	n := norm(lemma)
	return load().titles[n] || commonTitles[n]
}

// commonTitles completes the learned titles (GUM and EWT hold few of
// them) with general English honorifics, offices and ranks, as a
// gazetteer would.
var commonTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true, "dame": true, "lord": true, "lady": true,
	"president": true, "minister": true, "premier": true, "chancellor": true, "secretary": true, "senator": true, "sen": true,
	"rep": true, "representative": true, "congressman": true, "congresswoman": true, "governor": true, "gov": true, "mayor": true,
	"king": true, "queen": true, "prince": true, "princess": true, "emperor": true, "pope": true, "cardinal": true, "bishop": true,
	"archbishop": true, "rabbi": true, "imam": true, "sheikh": true, "judge": true, "justice": true, "general": true, "gen": true,
	"colonel": true, "col": true, "major": true, "captain": true, "capt": true, "lieutenant": true, "lt": true, "sergeant": true,
	"sgt": true, "admiral": true, "commander": true, "ambassador": true, "chairman": true, "chairwoman": true, "ceo": true,
	"director": true, "professor": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "commissioner": true,
	"inspector": true, "detective": true, "speaker": true, "pm": true,
}

// TitleWords returns how many leading words of words form a person title:
// 2 for a learned two-word title ("Prime Minister", "Vice President"), 1
// for a one-word title, else 0. Words are compared lower-cased without a
// trailing period.
func TitleWords(words []string) int {
	t := load()
	if len(words) >= 2 && t.title2[norm(words[0])+" "+norm(words[1])] {
		return 2
	}
	if len(words) >= 1 && t.titles[norm(words[0])] {
		return 1
	}
	return 0
}

// Gender returns 'm' or 'f' for a first name that GUM's coreference chains
// only ever refer to with "he" or with "she" ("Jane" → 'f'), and false
// for names it does not know. Matching is exact (names are capitalised).
func Gender(first string) (byte, bool) {
	g, ok := load().gender[first]
	return g, ok
}
