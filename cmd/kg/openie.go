package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/openie"
	"github.com/kg-project/kg/extract/parser"
	"github.com/kg-project/kg/extract/tagger"
)

func init() { extraCommands = append(extraCommands, newOpenIECmd) }

func newOpenIECmd() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "openie [--format carb|json] FILE|-",
		Short: "Open IE: one sentence a line in, extractions out (CaRB's tabbed format or JSON)",
		Example: `  kg openie --format carb corpora/carb/dev.txt > kg-dev.tsv   # (gunzip it first)
  echo "Rebels fired rockets at border towns." | kg openie -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "carb" && format != "json" {
				return fmt.Errorf("unknown --format %q (want carb or json)", format)
			}
			if err := extract.Ready(); err != nil {
				return err
			}
			var r io.Reader = os.Stdin
			if args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				r = f
			}
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			return runOpenIE(r, w, format)
		},
	}
	c.Flags().StringVar(&format, "format", "carb", "output: carb (sentence, confidence, relation, args; tab-separated) or json (one object a line)")
	return c
}

func runOpenIE(r io.Reader, w io.Writer, format string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		s := openie.Sentence(line)
		tagger.Tag(s)
		parser.Parse(s)
		ner.Tag(s)
		exs := openie.Extract(s)
		if format == "json" {
			if exs == nil {
				exs = []openie.Extraction{}
			}
			if err := enc.Encode(map[string]interface{}{"sentence": line, "extractions": exs}); err != nil {
				return err
			}
			continue
		}
		for _, e := range exs {
			fields := append([]string{line, strconv.FormatFloat(e.Confidence, 'f', 4, 64), e.Relation}, e.Args...)
			for i := range fields[2:] {
				fields[2+i] = strings.ReplaceAll(fields[2+i], "\t", " ")
			}
			if _, err := fmt.Fprintln(w, strings.Join(fields, "\t")); err != nil {
				return err
			}
		}
	}
	return sc.Err()
}
