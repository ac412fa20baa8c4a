package extract_test

import "testing"

// A bare number as a verb's object is a count of what the text leaves
// out: kept as the fact's value ("killed 12"), not dropped.
func TestNumberObjectIsAValue(t *testing.T) {
	d := hand(t, `
Gunmen gunman NOUN NNS 2 nsubj O
killed kill VERB VBD 0 root O
12 12 NUM CD 2 obj O
. . PUNCT . 2 punct O`)
	found := false
	for _, f := range d.Facts {
		if f.Predicate == "killed" && f.Object.Text == "12" {
			found = true
			if f.Object.Entity >= 0 {
				t.Errorf("the number became a node: %+v", f.Object)
			}
		}
	}
	if !found {
		t.Errorf("no 'killed 12' fact in %q", triples(d))
	}
}

// A passive's "by" phrase names the agent, an argument of the verb: it
// is not scored down as a circumstance, as "near" is.
func TestPassiveAgentScoresAboveCircumstance(t *testing.T) {
	rows := func(prep string) string {
		return `
Storms storm NOUN NNS 3 nsubj:pass O
are be AUX VBP 3 aux:pass O
driven drive VERB VBN 0 root O
` + prep + ` ` + prep + ` ADP IN 6 case O
warm warm ADJ JJ 6 amod O
waters water NOUN NNS 3 obl O
. . PUNCT . 3 punct O`
	}
	agent := confOf(hand(t, rows("by")), "Storms|are-driven-by|warm waters")
	near := confOf(hand(t, rows("near")), "Storms|are-driven-near|warm waters")
	if agent < 0 || near < 0 || agent <= near {
		t.Errorf("are-driven-by %.3f, are-driven-near %.3f: want the agent higher", agent, near)
	}
}

// "had a conversation with X": the event noun belongs to the relation,
// whose other party is X; "had a conversation" alone is no fact.
func TestLightVerbWithEventNoun(t *testing.T) {
	d := hand(t, `
Smith Smith PROPN NNP 2 nsubj B-PERSON
had have VERB VBD 0 root O
a a DET DT 4 det O
conversation conversation NOUN NN 2 obj O
with with ADP IN 6 case O
Jones Jones PROPN NNP 2 obl B-PERSON
. . PUNCT . 2 punct O`)
	wantTriple(t, d, "Smith", "had-conversation-with", "Jones")
	if hasTriple(d, "Smith", "had", "conversation") {
		t.Errorf("'had conversation' kept as a fact: %q", triples(d))
	}
	// A noun that is no event stays the object: "had a car with a radio".
	d = hand(t, `
Smith Smith PROPN NNP 2 nsubj B-PERSON
had have VERB VBD 0 root O
a a DET DT 4 det O
car car NOUN NN 2 obj O
with with ADP IN 6 case O
Jones Jones PROPN NNP 2 obl B-PERSON
. . PUNCT . 2 punct O`)
	wantTriple(t, d, "Smith", "had", "car")
}

// A title in apposition is stored as has-title only, not also as "is".
func TestAppositionTitleIsNoAttribute(t *testing.T) {
	d := hand(t, `
Basya Basya PROPN NNP 8 nsubj B-PERSON
, , PUNCT , 3 punct O
spokesman spokesman NOUN NN 1 appos O
for for ADP IN 6 case O
the the DET DT 6 det O
military military NOUN NN 3 nmod O
, , PUNCT , 1 punct O
left leave VERB VBD 0 root O
. . PUNCT . 8 punct O`)
	wantTriple(t, d, "Basya", "has-title", "spokesman")
	if hasTriple(d, "Basya", "is", "spokesman") {
		t.Errorf("title also stored as an attribute: %q", triples(d))
	}
}
