package noc

import "math"

// The ranking has two stages. The first scores every unit group the title reaches on the features
// of search.go with a linear model; the second re-ranks the best rerankK of them with a model that
// also sees each candidate against the others (whether it has the best similarities among the
// candidates) and a few products of features. Both models are conditional logits fitted on example
// titles held out of the index and on titles of the index (TestFitRanker).

// rerankK is the number of first-stage candidates the second stage re-ranks.
const rerankK = 16

// Second-stage features: the first-stage features, then these.
const (
	gSameBest      = nFeat + iota // 1 when the candidate has the best fSame among the candidates (see bestFeats)
	gTransRevBest                 // the same for fTransRev
	gBM25SameBest                 // fBM25Same
	gBM25OtherBest                // fBM25Other
	gCentSameBest                 // fCentSame
	gSameSq                       // fSame²
	gSameTransRev                 // fSame × fTransRev
	gBM25Both                     // fBM25Same × fBM25Other
	gHeadSame                     // fHead × fSame
	gBestAny                      // max(fSame, fTransRev)
	gRank                         // log(1 + first-stage rank)
	nFeat2
)

// reranked is a candidate of the second stage.
type reranked struct {
	ug     int32
	s1, s2 float32 // first- and second-stage scores
}

// bestFeats are the first-stage features for which the second stage notes whether a candidate
// has the best value among the candidates, in the order of gSameBest and the next ones.
var bestFeats = [...]int{fSame, fTransRev, fBM25Same, fBM25Other, fCentSame}

// candidatesBest returns the best value of each of bestFeats among the n first-stage candidates
// (0 when none has more: then all have "the best", which shifts them all alike).
func (sc *scratch) candidatesBest(n int) (best [len(bestFeats)]float32) {
	for _, t := range sc.top[:n] {
		f := &sc.ug[t.ug].feat
		for k, g := range bestFeats {
			best[k] = max(best[k], f[g])
		}
	}
	return best
}

// rerankFeatures returns the second-stage features of the i-th first-stage candidate.
func (sc *scratch) rerankFeatures(i int, best *[len(bestFeats)]float32) (x [nFeat2]float32) {
	f := &sc.ug[sc.top[i].ug].feat
	copy(x[:nFeat], f[:])
	for k, g := range bestFeats {
		if f[g] == best[k] {
			x[gSameBest+k] = 1
		}
	}
	x[gSameSq] = f[fSame] * f[fSame]
	x[gSameTransRev] = f[fSame] * f[fTransRev]
	x[gBM25Both] = f[fBM25Same] * f[fBM25Other]
	x[gHeadSame] = f[fHead] * f[fSame]
	x[gBestAny] = max(f[fSame], f[fTransRev])
	x[gRank] = log1pCounts[i]
	return x
}

// rerank scores the n first-stage candidates in sc.top (best first) with the second stage and
// leaves them in sc.rr, best first. It returns the number of candidates to report.
func (c *Coder) rerank(sc *scratch, n int) int {
	sc.nTop = n
	best := sc.candidatesBest(n)
	sc.max2 = float32(math.Inf(-1))
	for i, t := range sc.top[:n] {
		x := sc.rerankFeatures(i, &best)
		var s float32
		for k := range x {
			s += c.w2[k] * x[k]
		}
		sc.max2 = max(sc.max2, s)
		// Insertion by second-stage score (ties: first-stage order).
		j := i
		for ; j > 0 && s > sc.rr[j-1].s2; j-- {
			sc.rr[j] = sc.rr[j-1]
		}
		sc.rr[j] = reranked{ug: t.ug, s1: t.score, s2: s}
	}
	sc.sum2 = 0
	for _, r := range sc.rr[:n] {
		sc.sum2 += float64(expNeg(max(r.s2-sc.max2, -24)))
	}
	return min(n, MaxCandidates)
}

// rerankWeights returns the weights of the second stage, fitted by TestFitRanker.
func rerankWeights() [nFeat2]float32 {
	return [nFeat2]float32{
		fSame: -1.4445, fSecond: -0.9556, fBM25Same: 5.1179, fBM25Other: 0.6092, fCentSame: 1.5489, fCentOther: -0.2117, fHead: 0.1716, fPrior: 0.1218, fHeadUG: 0.1310, fHeadUGOther: 0.2937, fCount: -0.3558, fExact: 3.4469, fTransRev: 3.2100, fSameHead: 2.5856, gSameBest: 0.1276, gTransRevBest: 0.6232, gBM25SameBest: 0.3318, gBM25OtherBest: 0.4194, gCentSameBest: 0.0922, gSameSq: -2.0545, gSameTransRev: -1.8148, gBM25Both: 0.7836, gHeadSame: -1.7868, gBestAny: 6.7800, gRank: -0.4013,
	}
}
