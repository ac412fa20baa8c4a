package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	evalner "github.com/kg-project/kg/eval/ner"
	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/tagger"
)

func init() { evalCommands = append(evalCommands, newEvalNERCmd) }

func newEvalNERCmd() *cobra.Command {
	var (
		gold, format string
		goldTags     bool
		byDoc        bool
		asJSON       bool
	)
	c := &cobra.Command{
		Use:   "ner --gold FILE [--format gum|uner] [--gold-tags] [--doc=false] [--json]",
		Short: "Score named entities (exact span match): precision, recall, F1 per type and overall",
		Long: `ner scores kg's entity recogniser against GUM CoNLL-U (named mentions:
the Entity= spans whose head is a proper noun) or Universal NER IOB2 files.
Overall figures are over PERSON, ORGANIZATION and LOCATION (UNER's PER, ORG,
LOC). Part-of-speech tags come from kg's tagger unless --gold-tags is given
(GUM only). Each document (GUM's documents, UNER's by sentence id) is
tagged at once, as kg's pipeline does: every mention of a name takes one
type, and short forms and acronyms the full name's (ner.TagSentences).
With --doc=false, sentences are tagged one at a time. The first output
line says which.`,
		Example: `  kg eval ner --gold gum/en_gum-ud-dev.conllu
  kg eval ner --gold gum/en_gum-ud-dev.conllu --doc=false
  kg eval ner --gold uner-english-ewt/en_ewt-ud-dev.iob2`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return fmt.Errorf("--gold is required")
			}
			if format == "" {
				format = "gum"
				if strings.Contains(gold, ".iob2") {
					format = "uner"
				}
			}
			if err := extract.Ready(); err != nil {
				return err
			}
			data, err := readCorpus(gold)
			if err != nil {
				return err
			}
			var sents []*doc.Sentence
			switch format {
			case "gum":
				sents, err = evalner.ReadGUM(bytes.NewReader(data), gold, evalner.GUMTypes)
			case "uner":
				sents, err = evalner.ReadUNER(bytes.NewReader(data), gold, evalner.UNERTypes)
				goldTags = false
			default:
				return fmt.Errorf("unknown --format %q (want gum or uner)", format)
			}
			if err != nil {
				return err
			}
			m, err := ner.Default()
			if err != nil {
				return err
			}
			sc := evalner.NewScores("PERSON", "ORGANIZATION", "LOCATION")
			sc.Mode = "sentence"
			if byDoc {
				sc.Mode = "document"
			}
			tagged := make([]*doc.Sentence, len(sents))
			for k, g := range sents {
				s := &doc.Sentence{ID: g.ID, Text: g.Text, Start: g.Start, End: g.End}
				for _, t := range g.Tokens {
					nt := doc.Token{Text: t.Text, Start: t.Start, End: t.End, SpaceAfter: t.SpaceAfter, Head: -1}
					if goldTags {
						nt.UPOS, nt.XPOS, nt.Lemma = t.UPOS, t.XPOS, t.Lemma
					}
					s.Tokens = append(s.Tokens, nt)
				}
				if !goldTags {
					tagger.Tag(s)
				}
				tagged[k] = s
			}
			for _, d := range evalner.Documents(tagged) {
				if byDoc {
					m.TagSentences(d)
					continue
				}
				for _, s := range d {
					m.Tag(s)
				}
			}
			for k, g := range sents {
				sc.Add(ner.Spans(g), ner.Spans(tagged[k]))
			}
			return printLines(cmd.OutOrStdout(), append([]string{"# by " + sc.Mode}, sc.Lines()...), asJSON, sc)
		},
	}
	c.Flags().StringVar(&gold, "gold", "", "gold file: GUM CoNLL-U or UNER IOB2")
	c.Flags().StringVar(&format, "format", "", "gum or uner (default: from the file name)")
	c.Flags().BoolVar(&goldTags, "gold-tags", false, "use the treebank's part-of-speech tags (GUM)")
	c.Flags().BoolVar(&byDoc, "doc", true, "tag each document at once, as kg does (false: sentence by sentence)")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}
