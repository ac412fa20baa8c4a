package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	evalfacts "github.com/kg-project/kg/eval/facts"
	"github.com/kg-project/kg/extract"
)

func init() { evalCommands = append(evalCommands, newEvalFactsCmd) }

func newEvalFactsCmd() *cobra.Command {
	var (
		gold    string
		kinds   string
		minConf float64
		asJSON  bool
		verbose bool
	)
	c := &cobra.Command{
		Use:   "facts --gold DIR|FILE.gold.tsv [--kinds action,title,...] [--json] [--verbose]",
		Short: "Score extracted facts against hand-written gold facts (P, R, F1, PR curve over confidence)",
		Long: `facts runs kg's extractor on each gold article (NAME.txt beside
NAME.gold.tsv) and compares its facts with the gold facts: subject and
object must match by name, alias or head word, the predicate by verb stem,
negation, voice and final preposition (see package eval/facts for the exact
rules). Precision counts system facts matching some gold fact, recall gold
facts matched. best-F1 and R@P0.8 come from the precision-recall curve over
the facts' confidence.`,
		Example: `  kg eval facts --gold testdata/goldfacts
  kg eval facts --gold testdata/goldfacts/000_sample.gold.tsv --verbose`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if gold == "" {
				return fmt.Errorf("--gold is required")
			}
			if err := extract.Ready(); err != nil {
				return err
			}
			docs, err := evalfacts.Load(gold)
			if err != nil {
				return err
			}
			var ks []string
			for _, k := range strings.Split(kinds, ",") {
				if k = strings.TrimSpace(k); k != "" {
					ks = append(ks, k)
				}
			}
			res, err := evalfacts.Run(docs, extract.Options{MinConfidence: minConf}, ks...)
			if err != nil {
				return err
			}
			lines := res.Lines()
			if verbose && !asJSON {
				lines = append(res.Verbose(), lines...)
			}
			return printLines(cmd.OutOrStdout(), lines, asJSON, res)
		},
	}
	c.Flags().StringVar(&gold, "gold", "", "gold directory or NAME.gold.tsv file (NAME.txt beside it)")
	c.Flags().StringVar(&kinds, "kinds", "", "fact kinds scored, comma-separated: action, title, affiliation, attribute (default all)")
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "drop system facts below this confidence")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	c.Flags().BoolVar(&verbose, "verbose", false, "list matched, missed and spurious facts per document")
	return c
}
