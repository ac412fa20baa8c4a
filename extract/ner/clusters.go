package ner

import (
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/wordclass"
)

// Word clusters come from extract/wordclass (exchange clustering of
// lower-cased words at several granularities), shared with the tagger and
// the parser.

// ClusterOptions control clustering.
type ClusterOptions = wordclass.Options

// clusterTable maps a lower-cased word to its class at each granularity.
type clusterTable = wordclass.Table

// trainClusters clusters the lower-cased words of sents.
func trainClusters(sents []*doc.Sentence, opt ClusterOptions) *clusterTable {
	return wordclass.Train(sents, opt)
}

// maxClusters bounds the number of classes of one clustering.
const maxClusters = wordclass.MaxClusters
