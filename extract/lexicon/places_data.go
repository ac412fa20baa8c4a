package lexicon

import (
	_ "embed"
	"fmt"
	"strings"
)

// The place gazetteer is general knowledge, written by hand as data:
// data/demonyms.tsv (demonym → place) and data/country_aliases.tsv (short
// or alternative country name → canonical name), each sorted by its first
// column (TestTablesSorted checks it) so that lookup can binary-search.

//go:embed data/demonyms.tsv
var demonymsTSV string

//go:embed data/country_aliases.tsv
var countryAliasesTSV string

var (
	demonyms, _       = parsePairs(demonymsTSV)
	countryAliases, _ = parsePairs(countryAliasesTSV)
)

// parsePairs reads "key<TAB>value" lines; blank lines and lines starting
// with # are skipped. A malformed line is left out and reported (the
// embedded files are checked by a test).
func parsePairs(tsv string) ([][2]string, error) {
	var out [][2]string
	var err error
	for i, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		if !ok || k == "" || v == "" || strings.Contains(v, "\t") {
			if err == nil {
				err = fmt.Errorf("line %d: want key<TAB>value, got %q", i+1, line)
			}
			continue
		}
		out = append(out, [2]string{k, v})
	}
	return out, err
}
