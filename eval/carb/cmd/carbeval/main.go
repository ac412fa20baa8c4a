// Command carbeval scores an Open IE system's tabbed output against CaRB
// gold tuples with package eval/carb and prints one measure a line.
//
//	go run ./eval/carb/cmd/carbeval -system out.tsv
//	go run ./eval/carb/cmd/carbeval -gold carb/gold-dev.tsv -system carb/openie5-dev.tsv -curve
//	go run ./eval/carb/cmd/carbeval -system out.tsv -matches   # error analysis
//
// Files are found as corpora.Open finds them (a path, or a name inside the
// corpora folder; ".gz" is decompressed). It only reads and scores: it
// runs no extractor and writes no file.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/kg-project/kg/eval/carb"
)

func main() {
	gold := flag.String("gold", "carb/gold-dev.tsv", "gold tuples: sentence<TAB>relation<TAB>arg1<TAB>arg2…")
	system := flag.String("system", "", "system tuples: sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2… (required)")
	curve := flag.Bool("curve", false, "also print the precision–recall point of every threshold")
	matches := flag.Bool("matches", false, "also print every gold tuple with its best system tuple at the best threshold")
	flag.Parse()
	if *system == "" {
		fmt.Fprintln(os.Stderr, "carbeval: -system is required")
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*gold, *system, *curve, *matches); err != nil {
		fmt.Fprintln(os.Stderr, "carbeval:", err)
		os.Exit(1)
	}
}

func run(goldName, systemName string, curve, matches bool) error {
	g, err := carb.LoadGold(goldName)
	if err != nil {
		return err
	}
	s, err := carb.LoadSystem(systemName)
	if err != nil {
		return err
	}
	res := carb.Score(g, s)
	if curve {
		fmt.Println("threshold\tprecision\trecall")
		for _, p := range res.Curve {
			fmt.Printf("%.6g\t%.4f\t%.4f\n", p.Threshold, p.Precision, p.Recall)
		}
	}
	if matches {
		fmt.Println("recall\tprecision\tgold relation\tgold args\tsystem relation\tsystem args")
		for _, m := range carb.Matches(g, s, res.Threshold) {
			sr, sa := "-", "-"
			if m.Best != nil {
				sr, sa = m.Best.Relation, strings.Join(m.Best.Args, " | ")
			}
			fmt.Printf("%.2f\t%.2f\t%s\t%s\t%s\t%s\n", m.Recall, m.Precision, m.Gold.Relation, strings.Join(m.Gold.Args, " | "), sr, sa)
		}
	}
	for _, l := range res.Lines() {
		fmt.Println(l)
	}
	fmt.Printf("Gold %d\nSystem %d\n", res.Gold, res.System)
	return nil
}
