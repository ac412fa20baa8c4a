package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/eval/carb"
	"github.com/kg-project/kg/eval/ud"
	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/parser"
	"github.com/kg-project/kg/extract/tagger"
	"github.com/kg-project/kg/extract/tokenize"
)

func init() { extraCommands = append(extraCommands, newEvalCmd) }

func newEvalCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "eval",
		Short: "Measure kg against public benchmarks (UD treebanks, NER, CaRB)",
		Long: `eval scores kg's pipeline. Files are read as given, or from the corpora/
folder of the repository when the name is relative to it
(ud-english-ewt/en_ewt-ud-test.conllu); .gz files are decompressed.
Output: one measure a line, its name first, then the figure.`,
	}
	c.AddCommand(newEvalUDCmd(), newEvalCarbCmd())
	for _, f := range evalCommands {
		c.AddCommand(f())
	}
	return c
}

// evalCommands lets other files add eval subcommands.
var evalCommands []func() *cobra.Command

func readCorpus(name string) ([]byte, error) {
	rc, err := corpora.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func printLines(w io.Writer, lines []string, asJSON bool, v interface{}) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	_, err := fmt.Fprintln(w, strings.Join(lines, "\n"))
	return err
}

func newEvalUDCmd() *cobra.Command {
	var (
		gold   string
		raw    bool
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "ud --gold FILE.conllu [--raw] [--json]",
		Short: "Score tagging, lemmas and parsing against a UD treebank (CoNLL 2018 measures)",
		Example: `  kg eval ud --gold ud-english-ewt/en_ewt-ud-test.conllu
  kg eval ud --gold ud-english-ewt/en_ewt-ud-test.conllu --raw`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return fmt.Errorf("--gold is required")
			}
			if err := extract.Ready(); err != nil {
				return err
			}
			data, err := readCorpus(gold)
			if err != nil {
				return err
			}
			text, sents, err := ud.ReadGold(bytes.NewReader(data), gold)
			if err != nil {
				return err
			}
			var sc ud.Scores
			if raw {
				d := tokenize.Document(text)
				for i := range d.Sentences {
					tagger.Tag(&d.Sentences[i])
					parser.Parse(&d.Sentences[i])
				}
				sc = ud.ScoreRaw(sents, text, d)
			} else {
				sys := make([]*doc.Sentence, len(sents))
				for i, g := range sents {
					s := &doc.Sentence{ID: g.ID, Text: g.Text, Start: g.Start, End: g.End}
					for _, t := range g.Tokens {
						s.Tokens = append(s.Tokens, doc.Token{Text: t.Text, Start: t.Start, End: t.End, SpaceAfter: t.SpaceAfter, Head: -1})
					}
					tagger.Tag(s)
					parser.Parse(s)
					sys[i] = s
				}
				sc = ud.ScoreGold(sents, sys)
			}
			return printLines(cmd.OutOrStdout(), sc.Lines(), asJSON, sc)
		},
	}
	c.Flags().StringVar(&gold, "gold", "", "gold CoNLL-U treebank")
	c.Flags().BoolVar(&raw, "raw", false, "start from the raw text: tokenize and split sentences too")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

func newEvalCarbCmd() *cobra.Command {
	var (
		gold, system string
		asJSON       bool
	)
	c := &cobra.Command{
		Use:   "carb --gold GOLD.tsv [--system OUT.tsv] [--json]",
		Short: "Score Open IE extractions with CaRB (binary lenient match; best F1 over thresholds, AUC)",
		Long: `carb scores a system's extractions (CaRB's tabbed format, as kg openie
--format carb writes) against CaRB gold tuples. Without --system it runs kg's
own extractor on the gold sentences first.`,
		Example: `  kg eval carb --gold carb/gold-dev.tsv
  kg eval carb --gold carb/gold-dev.tsv --system carb/openie5-dev.tsv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return fmt.Errorf("--gold is required")
			}
			g, err := carb.LoadGold(gold)
			if err != nil {
				return err
			}
			var sys carb.System
			if system != "" {
				if sys, err = carb.LoadSystem(system); err != nil {
					return err
				}
			} else {
				if err := extract.Ready(); err != nil {
					return err
				}
				if sys, err = openIEOnGold(g); err != nil {
					return err
				}
			}
			res := carb.Score(g, sys)
			return printLines(cmd.OutOrStdout(), res.Lines(), asJSON, res)
		},
	}
	c.Flags().StringVar(&gold, "gold", "", "CaRB gold tuples (sentence, relation, args; tab-separated)")
	c.Flags().StringVar(&system, "system", "", "system extractions (sentence, confidence, relation, args); default: run kg")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}

// openIEOnGold runs kg's Open IE on each sentence of the CaRB gold set g
// once, in order, and reads its output back as CaRB system extractions.
func openIEOnGold(g carb.Gold) (carb.System, error) {
	var in, out bytes.Buffer
	seen := map[string]bool{}
	for _, e := range g.Extractions {
		if !seen[e.Sentence] {
			seen[e.Sentence] = true
			in.WriteString(e.Sentence + "\n")
		}
	}
	if err := runOpenIE(&in, &out, "carb"); err != nil {
		return carb.System{}, err
	}
	return carb.ReadSystem(&out)
}
