package clause

import (
	_ "embed"
	"strings"
	"sync"
)

// intransitiveData lists verbs that (almost) never take a direct object in
// the UD English EWT and GUM training trees; see cmd/kgtrain/clause.go (go run ./cmd/kgtrain clause).
//
//go:embed intransitive.txt
var intransitiveData string

var intransitive = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(intransitiveData, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		l, _, _ := strings.Cut(line, "\t")
		m[l] = true
	}
	return m
})

// Intransitive reports whether the verb lemma (lower case) takes a direct
// object in at most 3% of its active uses in the treebanks' training
// trees: a parse that gives it one ("the decline appears [to be due to]
// changes") is most often wrong.
func Intransitive(lemma string) bool { return intransitive()[lemma] }

// verbPrepData lists verb and preposition pairs whose prepositional phrase
// is an oblique of the verb in at least 10% of the verb's uses in the
// treebanks' training trees; see cmd/kgtrain/clause.go (go run ./cmd/kgtrain clause).
//
//go:embed verbpreps.txt
var verbPrepData string

var verbPreps = sync.OnceValue(func() map[[2]string]bool {
	m := map[[2]string]bool{}
	for _, line := range strings.Split(verbPrepData, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) >= 2 {
			m[[2]string{f[0], f[1]}] = true
		}
	}
	return m
})

// ArgumentPrep reports whether the verb lemma (lower case) takes a phrase
// with preposition prep as an argument often (in at least 10% of its
// uses in the treebanks' training trees: "lead to", "suffer from", "live
// in"); otherwise such a phrase is more often a circumstance or attached
// to the verb by mistake ("spoke on the clashes", "lived near the coast").
func ArgumentPrep(lemma, prep string) bool { return verbPreps()[[2]string{lemma, prep}] }

// RareArgumentPrep reports whether the treebanks' training trees show the
// verb lemma often (at least 10 times) but seldom (in under 10% of its
// uses) with an oblique introduced by prep: a phrase with it is then
// more often attached to the verb by mistake or a circumstance.
func RareArgumentPrep(lemma, prep string) bool {
	m := verbPreps()
	return m[[2]string{lemma, "*"}] && !m[[2]string{lemma, prep}]
}

// purposeVerbData lists verbs whose infinitival "to" clauses after one of
// their objects or obliques are most often adverbials of purpose in the
// treebanks' training trees; see cmd/kgtrain/clause.go (go run ./cmd/kgtrain clause).
//
//go:embed purposeverbs.txt
var purposeVerbData string

var purposeVerbs = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(purposeVerbData, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		l, _, _ := strings.Cut(line, "\t")
		m[l] = true
	}
	return m
})

// PurposeAfterArgument reports whether an infinitival "to" clause that
// follows an object or oblique of the verb lemma (lower case) is more
// often an adverbial of purpose than a complement in the treebanks'
// training trees (at least twice: "turned to Whitman to find comfort",
// "used the money to buy a house"; not "asked him to leave").
func PurposeAfterArgument(lemma string) bool { return purposeVerbs()[lemma] }
