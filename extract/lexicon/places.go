package lexicon

import (
	"sort"
	"strings"
	"unicode"
)

// Place returns the place a demonym or nationality adjective denotes
// ("Chilean" → "Chile", "American" → "United States", "Texan" → "Texas",
// "European" → "Europe"). Matching ignores case and surrounding space;
// plural nouns are accepted ("Chileans", "Frenchmen").
func Place(demonym string) (place string, ok bool) {
	d := strings.ToLower(strings.Join(strings.Fields(demonym), " "))
	if d == "" {
		return "", false
	}
	if p, ok := lookup(demonyms[:], d); ok {
		return p, true
	}
	switch {
	case strings.HasSuffix(d, "men"):
		return lookup(demonyms[:], strings.TrimSuffix(d, "men")+"man")
	case strings.HasSuffix(d, "s"):
		return lookup(demonyms[:], strings.TrimSuffix(d, "s"))
	}
	return "", false
}

// IsCountryAlias returns the canonical name for a common short or
// alternative form of a country's name ("US", "U.S.", "USA", "America" →
// "United States"; "UK", "Britain" → "United Kingdom"; "UAE" → "United
// Arab Emirates"; "Burma" → "Myanmar"). A leading "the" is ignored.
// All-capital abbreviations match only as written, so the pronoun "us" is
// not the United States; other forms match ignoring case. Canonical names
// themselves are not aliases.
func IsCountryAlias(name string) (canonical string, ok bool) {
	n := strings.Join(strings.Fields(name), " ")
	if c, ok := lookup(countryAliases[:], n); ok {
		return c, true
	}
	if rest, ok := cutPrefixFold(n, "the "); ok {
		if c, ok := lookup(countryAliases[:], rest); ok {
			return c, true
		}
		n = rest
	}
	for _, a := range countryAliases {
		if hasLower(a[0]) && strings.EqualFold(a[0], n) {
			return a[1], true
		}
	}
	return "", false
}

// lookup binary-searches a table sorted by its first column.
func lookup(tab [][2]string, k string) (string, bool) {
	i := sort.Search(len(tab), func(i int) bool { return tab[i][0] >= k })
	if i < len(tab) && tab[i][0] == k {
		return tab[i][1], true
	}
	return "", false
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

var placeNames = func() map[string]string {
	m := map[string]string{}
	for _, d := range demonyms {
		m[strings.ToLower(d[1])] = d[1]
	}
	for _, a := range countryAliases {
		m[strings.ToLower(a[1])] = a[1]
	}
	return m
}()

// PlaceName returns the canonical spelling of a place the gazetteer knows,
// by its own name ("united states" → "United States") or by one of its
// aliases ("U.S." → "United States").
func PlaceName(name string) (string, bool) {
	n := strings.Join(strings.Fields(name), " ")
	if c, ok := IsCountryAlias(n); ok {
		return c, true
	}
	p, ok := placeNames[strings.ToLower(strings.TrimPrefix(n, "the "))]
	return p, ok
}
