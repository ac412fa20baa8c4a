package tagger

import (
	"sort"
	"strings"

	"github.com/kg-project/kg/extract/doc"
)

// maxSuffix is the longest word ending (in bytes) a lemma rule is keyed by.
const maxSuffix = 6

// script is an edit that turns a word ending into a lemma ending: drop
// Strip bytes from the end, then append Add.
type script struct {
	Strip int
	Add   string
}

// lemmatizer maps (form, XPOS) to a lemma: first an exception table of
// words whose lemma the rules get wrong, then suffix rules learned from
// the training data, keyed by XPOS and word ending.
type lemmatizer struct {
	exceptions map[string]string // form + "\t" + XPOS -> lemma
	rules      map[string]script // XPOS + "\t" + ending -> edit
}

// keepsCase reports whether lemmas of xpos keep the word's case, as EWT
// does for proper nouns.
func keepsCase(xpos string) bool { return xpos == "NNP" || xpos == "NNPS" }

func lemmaBase(form, xpos string) string {
	if keepsCase(xpos) {
		return form
	}
	return lowerWord(form)
}

// ruleLemma applies the longest matching suffix rule.
func (l *lemmatizer) ruleLemma(form, xpos string) string {
	base := lemmaBase(form, xpos)
	n := len(base)
	if n > maxSuffix {
		n = maxSuffix
	}
	for k := n; k >= 0; k-- {
		sc, ok := l.rules[xpos+"\t"+base[len(base)-k:]]
		if !ok {
			continue
		}
		if sc.Strip > len(base) {
			continue
		}
		out := base[:len(base)-sc.Strip] + sc.Add
		if out == "" {
			return base
		}
		return out
	}
	return base
}

// Lemma returns the lemma of form tagged xpos.
func (l *lemmatizer) Lemma(form, xpos string) string {
	if form == "" {
		return ""
	}
	if lem, ok := l.exceptions[form+"\t"+xpos]; ok {
		return lem
	}
	if lw := lowerWord(form); lw != form {
		if lem, ok := l.exceptions[lw+"\t"+xpos]; ok {
			if keepsCase(xpos) {
				return form
			}
			return lem
		}
	}
	return l.ruleLemma(form, xpos)
}

// editScript returns the edit turning base into lemma.
func editScript(base, lemma string) script {
	p := 0
	for p < len(base) && p < len(lemma) && base[p] == lemma[p] {
		p++
	}
	return script{Strip: len(base) - p, Add: lemma[p:]}
}

type countKey struct {
	key string
	sc  script
}

// trainLemmatizer learns rules from word types and keeps as exceptions the
// seen words the rules get wrong.
func trainLemmatizer(sents []*doc.Sentence, minRuleCount int) *lemmatizer {
	// Majority lemma per (form, XPOS) over tokens.
	type fx struct{ form, xpos string }
	lemCount := map[fx]map[string]int{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if t.Lemma == "" || t.Lemma == "_" && t.Text != "_" || t.XPOS == "" {
				continue
			}
			k := fx{t.Text, t.XPOS}
			m := lemCount[k]
			if m == nil {
				m = map[string]int{}
				lemCount[k] = m
			}
			m[t.Lemma]++
		}
	}
	keys := make([]fx, 0, len(lemCount))
	for k := range lemCount {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].form != keys[j].form {
			return keys[i].form < keys[j].form
		}
		return keys[i].xpos < keys[j].xpos
	})
	best := make(map[fx]string, len(keys))
	for _, k := range keys {
		bl, bc := "", -1
		for lem, c := range lemCount[k] {
			if c > bc || c == bc && lem < bl {
				bl, bc = lem, c
			}
		}
		best[k] = bl
	}
	// Rules from word types: every ending long enough to contain the
	// stripped part votes for the type's edit script.
	votes := map[countKey]int{}
	seenBase := map[fx]bool{}
	for _, k := range keys {
		base := lemmaBase(k.form, k.xpos)
		lem := best[k]
		if !keepsCase(k.xpos) && strings.ToLower(lem) == lem {
			// lemma lowercase as expected
		} else if !keepsCase(k.xpos) {
			continue // odd casing (e.g. "I"): leave it to exceptions
		}
		if seenBase[fx{base, k.xpos}] {
			continue
		}
		seenBase[fx{base, k.xpos}] = true
		sc := editScript(base, lem)
		if sc.Strip > maxSuffix {
			continue
		}
		n := len(base)
		if n > maxSuffix {
			n = maxSuffix
		}
		for e := sc.Strip; e <= n; e++ {
			votes[countKey{k.xpos + "\t" + base[len(base)-e:], sc}]++
		}
	}
	vk := make([]countKey, 0, len(votes))
	for k := range votes {
		vk = append(vk, k)
	}
	sort.Slice(vk, func(i, j int) bool {
		a, b := vk[i], vk[j]
		if a.key != b.key {
			return a.key < b.key
		}
		if a.sc.Strip != b.sc.Strip {
			return a.sc.Strip < b.sc.Strip
		}
		return a.sc.Add < b.sc.Add
	})
	l := &lemmatizer{exceptions: map[string]string{}, rules: map[string]script{}}
	bestN := map[string]int{}
	total := map[string]int{}
	for _, k := range vk {
		c := votes[k]
		total[k.key] += c
		if c > bestN[k.key] {
			bestN[k.key] = c
			l.rules[k.key] = k.sc
		}
	}
	for key, n := range total {
		if n < minRuleCount {
			delete(l.rules, key)
		}
	}
	// Drop rules that agree with the next shorter ending's rule: they add
	// nothing.
	for _, k := range sortedKeys(l.rules) {
		xpos, end, _ := strings.Cut(k, "\t")
		if end == "" {
			continue
		}
		for e := 1; e <= len(end); e++ {
			if sc, ok := l.rules[xpos+"\t"+end[e:]]; ok {
				if sc == l.rules[k] && sc.Strip <= len(end)-e {
					delete(l.rules, k)
				}
				break
			}
		}
	}
	for _, k := range keys {
		if l.ruleLemma(k.form, k.xpos) != best[k] {
			l.exceptions[k.form+"\t"+k.xpos] = best[k]
		}
	}
	// A capitalised form found through its lowercase entry must not get a
	// wrong lemma; add exact entries where that lookup would mislead.
	for _, k := range keys {
		if _, ok := l.exceptions[k.form+"\t"+k.xpos]; ok {
			continue
		}
		if l.Lemma(k.form, k.xpos) != best[k] {
			l.exceptions[k.form+"\t"+k.xpos] = best[k]
		}
	}
	return l
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
