package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/extract/conllu"
)

func init() { extraCommands = append(extraCommands, newParseCmd) }

func newParseCmd() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "parse [--format conllu|json] FILE|-",
		Short: "Print the linguistic analysis of a text: tokens, tags, lemmas, dependency tree, entities",
		Long: `parse shows what kg's language pipeline sees, so you can tell why a fact
was or was not extracted. CoNLL-U output has the named-entity tag of each
token in the MISC column (NER=B-PERSON).`,
		Example: `  kg parse testdata/000_3ec027d384569d0a.txt
  echo "Rebels fired rockets at the border." | kg parse --format json -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := extract.Ready(); err != nil {
				return err
			}
			data, err := readInput(args[0])
			if err != nil {
				return err
			}
			a, err := article.Parse(args[0], "", data)
			if err != nil {
				return err
			}
			d := extract.Analyze(a.Text)
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			switch format {
			case "conllu", "":
				for i := range d.Sentences {
					s := d.Sentences[i]
					s.ID = fmt.Sprintf("%s-%d", a.ID, i+1)
					if err := conllu.Write(w, &s); err != nil {
						return err
					}
				}
				return nil
			case "json":
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(d)
			}
			return fmt.Errorf("unknown --format %q (want conllu or json)", format)
		},
	}
	c.Flags().StringVar(&format, "format", "conllu", "output: conllu or json")
	return c
}

var _ io.Writer = os.Stdout
