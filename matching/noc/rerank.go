package noc

import "math"

// The ranking has two stages. The first scores every unit group the title reaches on the features
// of search.go with a linear model; the second re-ranks the best rerankK of them with a model
// that also sees each candidate against the others (whether it has the best similarities among the
// candidates) and a few products of
// features. Both models are conditional logits fitted on example titles held out of the index
// (TestFitRanker).

// rerankK is the number of first-stage candidates the second stage re-ranks.
const rerankK = 16

// Second-stage features: the first-stage features, then these.
const (
	gSameBest      = nFeat + iota // 1 when the candidate has the best fSame among the candidates
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

// rerank computes the second-stage features of the n first-stage candidates in sc.top (best
// first), scores them, and leaves them in sc.rr, best first. It returns the number of candidates
// to report.
func (c *Coder) rerank(sc *scratch, n int) int {
	sc.nTop = n
	var best [nFeat]float32
	for _, t := range sc.top[:n] {
		f := &sc.ug[t.ug].feat
		for _, k := range [...]int{fSame, fTransRev, fBM25Same, fBM25Other, fCentSame} {
			best[k] = max(best[k], f[k])
		}
	}
	sc.max2 = float32(math.Inf(-1))
	for i, t := range sc.top[:n] {
		f := &sc.ug[t.ug].feat
		x := &sc.x[i]
		copy(x[:nFeat], f[:])
		for k, g := range [...]int{fSame, fTransRev, fBM25Same, fBM25Other, fCentSame} {
			x[gSameBest+k] = 0
			if f[g] == best[g] {
				x[gSameBest+k] = 1
			}
		}
		x[gSameSq] = f[fSame] * f[fSame]
		x[gSameTransRev] = f[fSame] * f[fTransRev]
		x[gBM25Both] = f[fBM25Same] * f[fBM25Other]
		x[gHeadSame] = f[fHead] * f[fSame]
		x[gBestAny] = max(f[fSame], f[fTransRev])
		x[gRank] = log1pCounts[i]
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
		fSame: -1.6862, fSecond: -0.7653, fBM25Same: 4.2399, fBM25Other: 1.3025, fCentSame: 0.9338, fCentOther: -0.0370, fHead: -0.0607, fPrior: 0.0571, fHeadUG: 0.1324, fHeadUGOther: 0.2752, fCount: 0.0372, fExact: 3.4473, fTransRev: 2.6309, fSameHead: 2.4423, gSameBest: 0.0032, gTransRevBest: 0.6700, gBM25SameBest: 0.3632, gBM25OtherBest: 0.4411, gCentSameBest: 0.0707, gSameSq: -1.7559, gSameTransRev: -1.9600, gBM25Both: -0.1785, gHeadSame: -1.2517, gBestAny: 6.2785, gRank: -0.4858,
	}
}
