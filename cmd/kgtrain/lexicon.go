package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/lexicon"
)

func init() { register("lexicon", 5, trainLexicon) }

// trainLexicon learns the lexicon tables (noun types and titles from GUM
// train entity mentions, past-tense forms from GUM and EWT train) and
// writes extract/lexicon/data/lexicon.tsv.gz. It is deterministic and
// ignores the seed.
func trainLexicon(int64) error {
	b := lexicon.NewBuilder()
	for _, name := range []string{"gum/en_gum-ud-train.conllu", "ud-english-ewt/en_ewt-ud-train.conllu"} {
		f, err := corpora.Open(name)
		if err != nil {
			return err
		}
		rd := conllu.NewReader(f, name)
		gum := filepath.Dir(name) == "gum"
		for {
			s, err := rd.Read()
			if err != nil {
				if err == io.EOF {
					break
				}
				f.Close()
				return err
			}
			if !gum {
				b.AddTitles(&s.Sentence)
			}
			if gum {
				if err := b.AddGUMGender(&s.Sentence, s.NewDoc); err != nil {
					f.Close()
					return fmt.Errorf("%s: %w", name, err)
				}
				if err := b.AddGUM(&s.Sentence); err != nil {
					f.Close()
					return fmt.Errorf("%s: %w", name, err)
				}
			}
			b.AddPast(&s.Sentence)
		}
		f.Close()
	}
	var buf bytes.Buffer
	st, err := b.Write(&buf)
	if err != nil {
		return err
	}
	dir, err := corpora.Dir()
	if err != nil {
		return err
	}
	out := filepath.Join(filepath.Dir(dir), "extract", "lexicon", "data", "lexicon.tsv.gz")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	fmt.Fprintf(os.Stderr, "lexicon: wrote %s (%d bytes): %d noun types, %d titles, %d two-word titles, %d irregular past forms, %d first-name genders\n",
		out, buf.Len(), st.Nouns, st.Titles, st.Titles2, st.Past, st.Genders)
	return nil
}
