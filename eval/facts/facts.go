// Package facts scores kg's subject–predicate–object facts against a
// hand-written gold set of news facts (testdata/goldfacts): precision,
// recall, F1 and the precision–recall curve over the facts' confidence.
//
// It reads gold files, runs kg's extractor unchanged on the gold texts and
// compares. It must not change or tune the extractor, and it must not hold
// any list or rule written for particular article texts: matching is
// generic string normalisation (case, determiners, head words, light
// stemming).
//
// # What counts as a match
//
// A system fact matches a gold fact when all three hold (the sentence
// number is not compared):
//
//   - Subject: some gold alternative (gold arguments may list several,
//     separated by "|") equals, after normalisation, one of the system
//     argument's names — the entity's canonical name, any of its aliases,
//     or the argument's text in the sentence — or the two have the same
//     head word. Normalisation lowercases, folds curly quotes, drops a
//     trailing possessive 's and leading determiners (the, a, an, his,
//     her, their, its, our, my, your) and collapses spaces. The head word
//     is the last word before the first preposition, comma or relative
//     word ("form of alternative medicine" → "form"), compared by stem.
//   - Object: likewise.
//   - Predicate: after normalisation, the gold's main verb has the same
//     stem as the system fact's lemma, the lemma's simple past
//     (lexicon.Past: "speak" → "spoke") or the verb written in its
//     predicate; negation (a leading "not") agrees; voice agrees (a form
//     of "be" before another word marks a passive: "was-killed"); and if
//     the gold predicate ends in a preposition, the system predicate
//     ends in the same one. Modal words (will, could, ...) and other
//     auxiliaries are ignored on both sides. Predicates without a verb
//     (has-title, affiliated-with) must be equal. Gold predicates may also
//     list alternatives with "|".
//
// A passive with its "by" agent and the active of the same verb state one
// fact, so each also matches the other with subject and object exchanged
// ("accident was-caused-by winds" ~ "winds caused accident").
//
// Merge accuracy judges the resolver's links: over the system facts whose
// subject or object is a pronoun or description linked to an entity and
// whose predicate and other argument agree with a gold fact at most two
// sentences away, the share whose linked entity's names (not the
// pronoun's own words) match that gold argument.
//
// Precision is the share of scored system facts that match at least one
// gold fact; recall the share of gold facts matched by at least one system
// fact (several system facts may match the same gold fact). Repeats of one
// system fact within a document count once (see FromDocument).
package facts

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/kg-project/kg/extract/fact"
)

// Gold is one hand-written fact.
type Gold struct {
	Subject   string // alternatives separated by "|"
	Predicate string // kg's style: "spoke-to", "was-killed", "has-title"
	Object    string
	Sent      int // 1-based sentence number in the text (informative only)
	Line      int // line in the gold file
}

func (g Gold) String() string {
	return fmt.Sprintf("%s\t%s\t%s\ts%d", g.Subject, g.Predicate, g.Object, g.Sent)
}

// GoldDoc is one article with its gold facts.
type GoldDoc struct {
	Name     string // file base name without extension: the document id
	GoldPath string
	TextPath string
	Facts    []Gold
}

// ReadGold reads gold facts, one a line: subject TAB predicate TAB object
// [TAB sentence]; the sentence may be written "s12" or "12". Blank lines
// and lines starting with "#" are skipped. name is used in errors.
func ReadGold(r io.Reader, name string) ([]Gold, error) {
	var out []Gold
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(strings.TrimSpace(t), "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) < 3 || len(f) > 4 {
			return nil, fmt.Errorf("%s:%d: want subject, predicate, object [, sentence] separated by tabs, got %d fields", name, line, len(f))
		}
		g := Gold{Subject: strings.TrimSpace(f[0]), Predicate: strings.TrimSpace(f[1]), Object: strings.TrimSpace(f[2]), Line: line}
		if g.Subject == "" || g.Predicate == "" || g.Object == "" {
			return nil, fmt.Errorf("%s:%d: empty subject, predicate or object", name, line)
		}
		if len(f) == 4 {
			s := strings.TrimPrefix(strings.TrimSpace(f[3]), "s")
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%s:%d: bad sentence number %q", name, line, f[3])
			}
			g.Sent = n
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// GoldExt is the extension of gold files; the article text is the file
// with the same base name and extension .txt.
const GoldExt = ".gold.tsv"

// Load reads a gold file (NAME.gold.tsv, with NAME.txt beside it) or every
// gold file in a directory, sorted by name.
func Load(path string) ([]GoldDoc, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	var files []string
	if st.IsDir() {
		m, err := filepath.Glob(filepath.Join(path, "*"+GoldExt))
		if err != nil {
			return nil, fmt.Errorf("gold %s: %w", path, err)
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("gold %s: no *%s files", path, GoldExt)
		}
		sort.Strings(m)
		files = m
	} else {
		if !strings.HasSuffix(path, GoldExt) {
			return nil, fmt.Errorf("gold %s: want a directory or a *%s file", path, GoldExt)
		}
		files = []string{path}
	}
	var docs []GoldDoc
	for _, f := range files {
		base := strings.TrimSuffix(f, GoldExt)
		fh, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("gold: %w", err)
		}
		gs, err := ReadGold(fh, f)
		fh.Close()
		if err != nil {
			return nil, err
		}
		txt := base + ".txt"
		if _, err := os.Stat(txt); err != nil {
			return nil, fmt.Errorf("gold %s: its text: %w", f, err)
		}
		docs = append(docs, GoldDoc{Name: filepath.Base(base), GoldPath: f, TextPath: txt, Facts: gs})
	}
	return docs, nil
}

// System is one system fact reduced to what is scored.
type System struct {
	Subject    string   // the argument's display name (canonical name or text)
	SubjNames  []string // every name the subject may be matched by
	Predicate  string   // as stored in the graph (with not-/modal prefixes)
	Lemma      string   // the verb's lemma, "" for has-title and the like
	Object     string
	ObjNames   []string
	Sent       int // 1-based sentence number
	Kind       string
	Confidence float64
	// SubjLink and ObjLink hold the entity's names (canonical name and
	// aliases, not the words in the sentence) when the argument is a
	// pronoun or description the resolver linked to an entity; nil
	// otherwise. They are scored by merge accuracy.
	SubjLink, ObjLink []string
}

func (s System) String() string {
	return fmt.Sprintf("%s\t%s\t%s\ts%d\t%.2f", s.Subject, s.Predicate, s.Object, s.Sent, s.Confidence)
}

// FromDocument turns an extraction result into scorable facts. kinds
// selects fact kinds (fact.Action, ...); none selects all. A fact stated
// again in another sentence (same subject, predicate and object,
// case-insensitive) is scored once, with its highest confidence.
func FromDocument(d *fact.Document, kinds ...string) []System {
	var out []System
	seen := map[string]int{}
	for _, f := range d.Facts {
		if len(kinds) > 0 && !contains(kinds, f.Kind) {
			continue
		}
		s := System{Lemma: f.Lemma, Sent: f.Sent + 1, Kind: f.Kind, Confidence: f.Confidence}
		s.Predicate = f.Predicate
		if f.Modality != "" {
			s.Predicate = f.Modality + "-" + s.Predicate
		}
		if f.Negated {
			s.Predicate = "not-" + s.Predicate
		}
		s.Subject, s.SubjNames = argNames(d, f.Subject)
		s.Object, s.ObjNames = argNames(d, f.Object)
		s.SubjLink = linkNames(d, f.Sent, f.Subject)
		s.ObjLink = linkNames(d, f.Sent, f.Object)
		k := strings.ToLower(s.Subject + "\t" + s.Predicate + "\t" + s.Object)
		if i, ok := seen[k]; ok {
			if s.Confidence > out[i].Confidence {
				out[i].Confidence = s.Confidence
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, s)
	}
	return out
}

// linkNames returns the names of the entity that argument a (of a fact in
// sentence sent) was linked to as a pronoun or a description, or nil when
// the argument names its entity itself.
func linkNames(d *fact.Document, sent int, a fact.Arg) []string {
	if a.Entity < 0 || a.Entity >= len(d.Entities) {
		return nil
	}
	e := d.Entities[a.Entity]
	for _, m := range e.Mentions {
		if m.Sent != sent || m.Span.End <= a.Span.Start || m.Span.Start >= a.Span.End {
			continue
		}
		if m.Kind == "pronoun" || m.Kind == "description" {
			return append([]string{e.Name}, e.Aliases...)
		}
	}
	return nil
}

func argNames(d *fact.Document, a fact.Arg) (string, []string) {
	names := []string{a.Text}
	disp := a.Text
	if a.Entity >= 0 && a.Entity < len(d.Entities) {
		e := d.Entities[a.Entity]
		disp = e.Name
		names = append(names, e.Name)
		names = append(names, e.Aliases...)
	}
	return disp, names
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
