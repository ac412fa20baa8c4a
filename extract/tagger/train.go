package tagger

import (
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/perceptron"
	"github.com/kg-project/kg/extract/wordclass"
)

// TrainOptions controls Train. Zero fields take the defaults noted.
type TrainOptions struct {
	Epochs int     // passes over the data; default 8
	Seed   int64   // shuffling seed
	Prune  float32 // drop features whose averaged weights are all below this; default 1 (negative: keep all)

	// A word seen at least DictMinCount times (default 20) with one label
	// at least DictMinRatio of the time (default 0.97) is tagged from the
	// dictionary without scoring.
	DictMinCount int
	DictMinRatio float64
	// Words seen at least AmbMinCount times (default 3) have their most
	// frequent label used as a look-ahead feature by their neighbours.
	AmbMinCount int
	// Joint XPOS|UPOS labels seen fewer than MinPairCount times (default
	// 10) are folded into the most frequent label of their XPOS.
	MinPairCount int
	// Suffix lemma rules need this many word types behind them (default 1).
	MinRuleCount int

	// The first pass predicts joint "XPOS|UPOS" labels, or XPOS alone
	// when XPOSLabels is set. With UPOSPass a second pass re-predicts the
	// UPOS of tokens whose XPOS is ambiguous, seeing the first-pass labels
	// of the whole sentence (on EWT dev it gained nothing over joint
	// labels, so it is off by default).
	XPOSLabels bool
	UPOSPass   bool
	// UEpochs is the number of epochs of the UPOS pass (default 5).
	UEpochs int
	// An XPOS that maps to one UPOS at least FixedRatio of the time
	// (default 0.995) gets that UPOS without the UPOS pass.
	FixedRatio float64

	// BiPass adds a second, bidirectional pass, which re-tags every
	// sentence seeing the first pass's classes of the word and the next
	// two words; it is trained on first-pass classes from Folds-fold
	// jackknifing (default 2), so it learns how far to trust them.
	// Measured on EWT+GUM train: EWT dev UPOS 95.30 -> 95.37, XPOS
	// 94.66 -> 94.70, but test UPOS 95.53 -> 95.47, at half the tagging
	// speed and three times the load time, so it is off by default.
	BiPass bool
	Folds  int

	// Clusters, when set, adds word-cluster features: the words of the
	// training sentences are clustered at these numbers of classes
	// (extract/wordclass) and the classes of the word and its neighbours
	// are features. Measured with 32, 128 and 512 classes of the EWT+GUM
	// train text: EWT dev UPOS 95.30 -> 95.25, XPOS 94.66 -> 94.57 (the
	// training text alone gives classes only to words the tagger has
	// seen), so it is off by default.
	Clusters []int

	// If Log is set, progress is written to it, with accuracy on Dev after
	// each epoch when Dev is set too.
	Log io.Writer
	Dev []*doc.Sentence
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 8
	}
	if o.Prune == 0 {
		o.Prune = 1
	}
	if o.DictMinCount <= 0 {
		o.DictMinCount = 20
	}
	if o.DictMinRatio <= 0 {
		o.DictMinRatio = 0.97
	}
	if o.AmbMinCount <= 0 {
		o.AmbMinCount = 3
	}
	if o.MinPairCount <= 0 {
		o.MinPairCount = 10
	}
	if o.UEpochs <= 0 {
		o.UEpochs = 5
	}
	if o.FixedRatio <= 0 {
		o.FixedRatio = 0.995
	}
	if o.MinRuleCount <= 0 {
		o.MinRuleCount = 1
	}
	if o.Folds < 2 {
		o.Folds = 2
	}
}

type pair struct{ x, u string }

// predictor is a perceptron.Model or a perceptron.Trainer.
type predictor interface {
	Predict(feats []uint64, allowed func(int) bool, scratch []float32) int
}

// Train learns a tagger and lemmatizer from sentences with gold XPOS, UPOS
// and Lemma. The result depends only on sents and opts.
func Train(sents []*doc.Sentence, opts TrainOptions) *Tagger {
	t, _ := train(sents, opts)
	return t
}

func train(sents []*doc.Sentence, opts TrainOptions) (*Tagger, *keyTrainer) {
	opts.defaults()
	minPair := opts.MinPairCount
	if opts.XPOSLabels {
		minPair = math.MaxInt
	}
	// Labels.
	pairN := map[pair]int{}
	for _, s := range sents {
		for _, tk := range s.Tokens {
			pairN[pair{tk.XPOS, tk.UPOS}]++
		}
	}
	pairs := make([]pair, 0, len(pairN))
	for p := range pairN {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].x != pairs[j].x {
			return pairs[i].x < pairs[j].x
		}
		return pairs[i].u < pairs[j].u
	})
	topOf := map[string]pair{}
	xposN := map[string]int{}
	for _, p := range pairs {
		xposN[p.x] += pairN[p]
		if q, ok := topOf[p.x]; !ok || pairN[p] > pairN[q] {
			topOf[p.x] = p
		}
	}
	t := &Tagger{dict: map[string]int32{}, amb: map[string]int32{}}
	classOf := map[pair]int32{}
	for _, p := range pairs {
		if pairN[p] >= minPair || topOf[p.x] == p {
			classOf[p] = int32(len(t.xpos))
			t.xpos = append(t.xpos, p.x)
			t.upos = append(t.upos, p.u)
		}
	}
	label := func(tk *doc.Token) int32 {
		if c, ok := classOf[pair{tk.XPOS, tk.UPOS}]; ok {
			return c
		}
		if c, ok := classOf[topOf[tk.XPOS]]; ok {
			return c
		}
		return 0
	}
	if len(t.xpos) == 0 {
		t.xpos, t.upos = []string{"NN"}, []string{"NOUN"}
	}

	// Dictionaries.
	wordN := map[string][]int{}
	for _, s := range sents {
		for i := range s.Tokens {
			w := s.Tokens[i].Text
			cs := wordN[w]
			if cs == nil {
				cs = make([]int, len(t.xpos))
				wordN[w] = cs
			}
			cs[label(&s.Tokens[i])]++
		}
	}
	for _, w := range sortedKeys(wordN) {
		cs := wordN[w]
		total, best := 0, 0
		for c, n := range cs {
			total += n
			if n > cs[best] {
				best = c
			}
		}
		if total >= opts.AmbMinCount {
			t.amb[w] = int32(best)
		}
		if total >= opts.DictMinCount && float64(cs[best]) >= opts.DictMinRatio*float64(total) {
			t.dict[w] = int32(best)
		}
	}
	t.lem = trainLemmatizer(sents, opts.MinRuleCount)
	if len(opts.Clusters) > 0 {
		t.cl = wordclass.Train(sents, wordclass.Options{Sizes: opts.Clusters})
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "tagger: %d words clustered (%v classes)\n", len(t.cl.IDs), opts.Clusters)
		}
	}

	// XPOS (or joint) perceptron.
	gold := make([][]int32, len(sents))
	words := make([][]string, len(sents))
	for si, s := range sents {
		gold[si] = make([]int32, len(s.Tokens))
		words[si] = make([]string, len(s.Tokens))
		for i := range s.Tokens {
			gold[si][i] = label(&s.Tokens[i])
			words[si][i] = s.Tokens[i].Text
		}
	}
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	tr := t.trainX(words, gold, nil, all, opts, opts.Seed, opts.Log)
	t.model = freeze(tr, opts.Prune)
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, "tagger: %d classes, %d features, %d dictionary words, %d look-ahead words, %d lemma exceptions, %d lemma rules\n",
			len(t.xpos), t.model.Features(), len(t.dict), len(t.amb), len(t.lem.exceptions), len(t.lem.rules))
	}
	if opts.BiPass {
		// First-pass classes of every sentence from a model that did not
		// see it.
		first := make([][]int32, len(sents))
		for fold := 0; fold < opts.Folds; fold++ {
			var in, out []int
			for i := range sents {
				if i%opts.Folds == fold {
					out = append(out, i)
				} else {
					in = append(in, i)
				}
			}
			fm := t.trainX(words, gold, nil, in, opts, opts.Seed+int64(fold)+1, nil).Average(opts.Prune)
			for _, si := range out {
				first[si] = make([]int32, len(words[si]))
				t.decodeX(fm, words[si], nil, first[si], nil)
			}
		}
		tr2 := t.trainX(words, gold, first, all, opts, opts.Seed+1000, opts.Log)
		t.model2 = freeze(tr2, opts.Prune)
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "tagger: second pass: %d features\n", t.model2.Features())
		}
	}
	if !opts.UPOSPass {
		return t, tr
	}

	// UPOS pass, trained on XPOS predicted by models that did not see the
	// sentence (two-fold jackknifing), so it learns how far to trust them.
	xpred := make([][]int32, len(sents))
	for fold := 0; fold < 2; fold++ {
		var in, out []int
		for i := range sents {
			if i%2 == fold {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		ftr := t.trainX(words, gold, nil, in, opts, opts.Seed+int64(fold)+1, nil)
		fm := ftr.Average(opts.Prune)
		for _, si := range out {
			xpred[si] = make([]int32, len(words[si]))
			t.decodeX(fm, words[si], nil, xpred[si], nil)
		}
	}
	t.trainU(sents, words, xpred, opts)
	if opts.Log != nil && len(opts.Dev) > 0 {
		fmt.Fprintf(opts.Log, "tagger: with UPOS pass: dev %s\n", t.Evaluate(opts.Dev))
	}
	return t, tr
}

// trainX trains the first-pass perceptron on the sentences idx, or the
// second-pass one when first holds first-pass classes of every sentence.
func (t *Tagger) trainX(words [][]string, gold, first [][]int32, idx []int, opts TrainOptions, seed int64, log io.Writer) *keyTrainer {
	tr := newKeyTrainer(len(t.xpos))
	order := append([]int(nil), idx...)
	rng := rand.New(rand.NewSource(seed))
	var toks []tok
	var feats []uint64
	scores := make([]float32, len(t.xpos))
	for ep := 1; ep <= opts.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, n := 0, 0
		for _, si := range order {
			ws := words[si]
			if cap(toks) < len(ws) {
				toks = make([]tok, len(ws))
			}
			toks = toks[:len(ws)]
			t.prepare(ws, toks)
			p1, p2 := int32(-1), int32(-1)
			for i, w := range ws {
				c, ok := t.dict[w]
				if !ok {
					if first != nil {
						feats = features2(toks, first[si], i, p1, p2, t.cl != nil, feats[:0])
					} else {
						feats = features(toks, i, p1, p2, t.cl != nil, feats[:0])
					}
					c = int32(tr.Predict(feats, nil, scores))
					tr.Tick()
					tr.Update(feats, int(gold[si][i]), int(c))
				}
				if c == gold[si][i] {
					right++
				}
				n++
				p2, p1 = p1, c
			}
		}
		if log != nil {
			fmt.Fprintf(log, "tagger: epoch %d train acc %.4f", ep, float64(right)/float64(max(n, 1)))
			if len(opts.Dev) > 0 {
				var sc Scores
				if first != nil {
					t.model2 = freeze(tr, opts.Prune)
					sc = t.Evaluate(opts.Dev)
				} else {
					m2 := t.model2
					t.model, t.model2 = freeze(tr, opts.Prune), nil
					sc = t.Evaluate(opts.Dev)
					t.model2 = m2
				}
				fmt.Fprintf(log, " dev %s", sc)
			}
			fmt.Fprintln(log)
		}
	}
	return tr
}

// trainU trains the UPOS pass from predicted XPOS classes xpred.
func (t *Tagger) trainU(sents []*doc.Sentence, words [][]string, xpred [][]int32, opts TrainOptions) {
	uset := map[string]bool{}
	for _, s := range sents {
		for _, tk := range s.Tokens {
			uset[tk.UPOS] = true
		}
	}
	t.uclasses = sortedKeys(uset)
	uidx := map[string]int32{}
	for i, u := range t.uclasses {
		uidx[u] = int32(i)
	}
	// An XPOS whose UPOS is (nearly) always the same needs no second pass.
	xu := map[string]map[string]int{}
	for _, s := range sents {
		for _, tk := range s.Tokens {
			if xu[tk.XPOS] == nil {
				xu[tk.XPOS] = map[string]int{}
			}
			xu[tk.XPOS][tk.UPOS]++
		}
	}
	t.xfixed = make([]int32, len(t.xpos))
	for c, x := range t.xpos {
		t.xfixed[c] = -1
		total, best, bu := 0, 0, ""
		for _, u := range sortedKeys(xu[x]) {
			n := xu[x][u]
			total += n
			if n > best {
				best, bu = n, u
			}
		}
		if total > 0 && float64(best) >= opts.FixedRatio*float64(total) {
			t.xfixed[c] = uidx[bu]
		}
	}
	tr := newKeyTrainer(len(t.uclasses))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(opts.Seed + 100))
	var toks []tok
	var feats []uint64
	scores := make([]float32, len(t.uclasses))
	for ep := 1; ep <= opts.UEpochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			ws := words[si]
			if cap(toks) < len(ws) {
				toks = make([]tok, len(ws))
			}
			toks = toks[:len(ws)]
			t.prepare(ws, toks)
			xp := xpred[si]
			u1, u2 := int32(-1), int32(-1)
			for i := range ws {
				u := t.xfixed[xp[i]]
				if u < 0 {
					feats = ufeatures(toks, xp, i, u1, u2, feats[:0])
					u = int32(tr.Predict(feats, nil, scores))
					tr.Tick()
					tr.Update(feats, int(uidx[sents[si].Tokens[i].UPOS]), int(u))
				}
				u2, u1 = u1, u
			}
		}
	}
	t.umodel = freeze(tr, opts.Prune)
}

// Scores are token-level accuracies of a tagger against gold data.
type Scores struct {
	Tokens                  int
	UPOS, XPOS, Both, Lemma float64 // fractions of tokens right
	// LemmaGoldTags is lemma accuracy when the lemmatizer is given the
	// gold XPOS.
	LemmaGoldTags float64
}

func (s Scores) String() string {
	return fmt.Sprintf("tokens %d UPOS %.2f XPOS %.2f UPOS+XPOS %.2f lemma %.2f (lemma with gold XPOS %.2f)",
		s.Tokens, 100*s.UPOS, 100*s.XPOS, 100*s.Both, 100*s.Lemma, 100*s.LemmaGoldTags)
}

// Evaluate tags copies of gold and scores them against it; gold is not
// modified. Lemma comparison ignores tokens whose gold lemma is "_"
// or empty.
func (t *Tagger) Evaluate(gold []*doc.Sentence) Scores {
	var sc Scores
	var u, x, b, l, lg, ln int
	for _, g := range gold {
		s := doc.Sentence{Tokens: make([]doc.Token, len(g.Tokens))}
		for i, tk := range g.Tokens {
			s.Tokens[i] = doc.Token{Text: tk.Text}
		}
		t.Tag(&s)
		for i, tk := range g.Tokens {
			p := s.Tokens[i]
			sc.Tokens++
			if p.UPOS == tk.UPOS {
				u++
			}
			if p.XPOS == tk.XPOS {
				x++
			}
			if p.UPOS == tk.UPOS && p.XPOS == tk.XPOS {
				b++
			}
			if tk.Lemma != "" && (tk.Lemma != "_" || tk.Text == "_") {
				ln++
				if p.Lemma == tk.Lemma {
					l++
				}
				if t.Lemma(tk.Text, tk.XPOS) == tk.Lemma {
					lg++
				}
			}
		}
	}
	if sc.Tokens > 0 {
		n := float64(sc.Tokens)
		sc.UPOS, sc.XPOS, sc.Both = float64(u)/n, float64(x)/n, float64(b)/n
	}
	if ln > 0 {
		sc.Lemma, sc.LemmaGoldTags = float64(l)/float64(ln), float64(lg)/float64(ln)
	}
	return sc
}

// keyTrainer is a perceptron trainer that remembers the features it has
// weights for, which perceptron does not list, so that its averaged model
// can be read back row by row.
type keyTrainer struct {
	*perceptron.Trainer
	keys map[uint64]struct{}
}

func newKeyTrainer(classes int) *keyTrainer {
	return &keyTrainer{perceptron.NewTrainer(classes), map[uint64]struct{}{}}
}

// Update is perceptron.Trainer.Update, noting the features.
func (k *keyTrainer) Update(feats []uint64, truth, guess int) {
	if truth != guess {
		for _, f := range feats {
			k.keys[f] = struct{}{}
		}
	}
	k.Trainer.Update(feats, truth, guess)
}

// freeze averages a trainer's weights into the sparse form the tagger
// scores with.
func freeze(tr *keyTrainer, prune float32) *sparseModel {
	keys := make([]uint64, 0, len(tr.keys))
	for f := range tr.keys {
		keys = append(keys, f)
	}
	m, err := sparseFromRows(tr.Average(prune), keys)
	if err != nil { // cannot happen: classes are bounded by the trainer's
		return &sparseModel{nc: tr.NClasses}
	}
	return m
}
