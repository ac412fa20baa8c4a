package facts

import (
	"fmt"
	"os"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
)

// Run extracts the facts of each gold document's text with kg's extractor
// (unchanged, with opts) and scores them. kinds selects the fact kinds
// scored (none: all).
func Run(docs []GoldDoc, opts extract.Options, kinds ...string) (Result, error) {
	var rs []DocResult
	for _, g := range docs {
		data, err := os.ReadFile(g.TextPath)
		if err != nil {
			return Result{}, fmt.Errorf("gold %s: %w", g.GoldPath, err)
		}
		a, err := article.Parse(g.TextPath, g.Name, data)
		if err != nil {
			return Result{}, fmt.Errorf("gold %s: %w", g.GoldPath, err)
		}
		fd := extract.Extract(a, opts)
		rs = append(rs, ScoreDoc(g.Name, g.Facts, FromDocument(fd, kinds...)))
	}
	return Score(rs), nil
}
