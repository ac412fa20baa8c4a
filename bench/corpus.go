// Package bench builds the corpus-scale benchmark inputs for kg: a
// news-like corpus of JSON Lines articles made from the running text of the
// treebanks in corpora/ (the "# text" lines of UD English EWT and GUM,
// grouped into articles by "# newdoc"), repeated under distinct document
// ids until it reaches a requested number of words.
//
// The corpus is deterministic: the same size gives byte-identical output.
// The package only makes inputs and measures nothing itself; the
// measurements are Go benchmarks (graph/store, cmd/kg) and bench/run.sh.
// It must not read anything but corpora/ and must not be imported by the
// kg binary.
package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/kg-project/kg/corpora"
)

// Treebanks are the CoNLL-U files (names for corpora.Open) the corpus is
// made from, in order.
var Treebanks = []string{
	"ud-english-ewt/en_ewt-ud-train.conllu",
	"ud-english-ewt/en_ewt-ud-dev.conllu",
	"ud-english-ewt/en_ewt-ud-test.conllu",
	"gum/en_gum-ud-train.conllu",
	"gum/en_gum-ud-dev.conllu",
}

// Article is one corpus record, written as a JSON Lines object.
type Article struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
	// Words is the number of syntactic words (CoNLL-U word lines) in the
	// text, not written out.
	Words int `json:"-"`
}

// ReadArticles reads the articles of one CoNLL-U stream: a "# newdoc"
// comment starts an article (its id from "newdoc id = …"), "# newpar"
// starts a paragraph, "# text = …" is one sentence, and GUM's
// "# meta::title = …" is the title. Sentences before the first newdoc
// form an article of their own. name is used in errors and ids.
func ReadArticles(name string, r io.Reader) ([]Article, error) {
	var (
		out   []Article
		cur   *Article
		paras [][]string
	)
	flush := func() {
		if cur == nil {
			return
		}
		var ps []string
		for _, p := range paras {
			if len(p) > 0 {
				ps = append(ps, strings.Join(p, " "))
			}
		}
		cur.Text = strings.Join(ps, "\n\n")
		if cur.Text != "" {
			out = append(out, *cur)
		}
		cur, paras = nil, nil
	}
	start := func(id string) {
		flush()
		if id == "" {
			id = fmt.Sprintf("%s-%d", baseName(name), len(out)+1)
		}
		cur = &Article{ID: id}
		paras = [][]string{nil}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# newdoc"):
			id := ""
			if k, v, ok := comment(l); ok && k == "newdoc id" {
				id = v
			}
			start(id)
		case strings.HasPrefix(l, "# newpar"):
			if cur == nil {
				start("")
			}
			paras = append(paras, nil)
		case strings.HasPrefix(l, "#"):
			k, v, ok := comment(l)
			if !ok {
				continue
			}
			if cur == nil && (k == "text" || k == "meta::title") {
				start("")
			}
			switch k {
			case "text":
				paras[len(paras)-1] = append(paras[len(paras)-1], v)
			case "meta::title":
				cur.Title = v
			}
		case l != "":
			// A word line: count integer ids (not ranges or empty nodes).
			id, _, ok := strings.Cut(l, "\t")
			if !ok {
				return nil, fmt.Errorf("%s:%d: not a CoNLL-U word line", name, line)
			}
			if isInt(id) && cur != nil {
				cur.Words++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	flush()
	return out, nil
}

// comment splits "# key = value".
func comment(l string) (key, value string, ok bool) {
	k, v, ok := strings.Cut(strings.TrimPrefix(l, "#"), "=")
	if !ok {
		return "", "", false
	}
	return strings.TrimSpace(k), strings.TrimSpace(v), true
}

func isInt(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func baseName(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSuffix(name, ".conllu")
}

// LoadTreebanks reads the articles of every file in Treebanks. An id that
// is used again (a treebank document split in parts) gets "-part2", … so
// that every article is a distinct document.
func LoadTreebanks() ([]Article, error) {
	var all []Article
	for _, name := range Treebanks {
		f, err := corpora.Open(name)
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		arts, err := ReadArticles(name, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		all = append(all, arts...)
	}
	uniqueIDs(all)
	return all, nil
}

// uniqueIDs renames repeated ids in place: the second "x" becomes
// "x-part2", the third "x-part3".
func uniqueIDs(arts []Article) {
	seen := make(map[string]int, len(arts))
	for i := range arts {
		id := arts[i].ID
		seen[id]++
		if n := seen[id]; n > 1 {
			arts[i].ID = fmt.Sprintf("%s-part%d", id, n)
		}
	}
}

// Stats describe a written corpus.
type Stats struct {
	Articles, Words, Rounds int
}

// WriteCorpus writes arts as JSON Lines, round after round, until at least
// minWords words are written (one round at least, whole rounds are not
// required: it stops after the article that reaches minWords). Round 1
// keeps each article's id; round k > 1 writes id + "~k", so every line is
// a distinct document. An empty arts is an error.
func WriteCorpus(w io.Writer, arts []Article, minWords int) (Stats, error) {
	var st Stats
	total := 0
	for _, a := range arts {
		total += a.Words
	}
	if len(arts) == 0 || total == 0 {
		return st, fmt.Errorf("corpus: no articles with words")
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for round := 1; ; round++ {
		st.Rounds = round
		for _, a := range arts {
			if round > 1 {
				a.ID = fmt.Sprintf("%s~%d", a.ID, round)
			}
			if err := enc.Encode(a); err != nil {
				return st, fmt.Errorf("corpus: write %s: %w", a.ID, err)
			}
			st.Articles++
			st.Words += a.Words
			if st.Words >= minWords {
				if err := bw.Flush(); err != nil {
					return st, fmt.Errorf("corpus: %w", err)
				}
				return st, nil
			}
		}
	}
}
