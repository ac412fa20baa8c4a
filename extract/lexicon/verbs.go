package lexicon

import "strings"

// Past returns the simple past tense of a verb lemma: the form most often
// tagged VBD for it in UD English EWT and GUM train (ties broken
// alphabetically), else the regular English rule (see regularPast). The
// lemma is matched lower-cased; an empty lemma gives "".
func Past(lemma string) string {
	l := strings.ToLower(strings.TrimSpace(lemma))
	if l == "" {
		return ""
	}
	if f, ok := load().past[l]; ok {
		return f
	}
	return regularPast(l)
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// regularPast applies the regular English past-tense spelling rules to a
// lower-case lemma: "e" → "ed" (love → loved), consonant + "y" → "ied"
// (carry → carried), a one-syllable consonant–vowel–consonant verb doubles
// its last consonant (stop → stopped; not after w, x or y), "c" → "cked"
// (panic → panicked), otherwise "ed" (kill → killed).
func regularPast(l string) string {
	n := len(l)
	switch {
	case n == 0:
		return ""
	case l[n-1] == 'e':
		return l + "d"
	case n >= 2 && l[n-1] == 'y' && !isVowel(l[n-2]):
		return l[:n-1] + "ied"
	case n >= 2 && l[n-1] == 'c' && isVowel(l[n-2]):
		return l + "ked"
	case n >= 3 && !isVowel(l[n-1]) && isVowel(l[n-2]) && !isVowel(l[n-3]) &&
		strings.IndexByte("wxy", l[n-1]) < 0 && syllables(l) == 1:
		return l + l[n-1:] + "ed"
	}
	return l + "ed"
}

// syllables counts the vowel groups of a lower-case word ("y" after a
// consonant counts as a vowel), a rough syllable count.
func syllables(w string) int {
	n, in := 0, false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i]) || (w[i] == 'y' && i > 0 && !isVowel(w[i-1]))
		if v && !in {
			n++
		}
		in = v
	}
	return n
}
