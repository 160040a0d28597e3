package noc

import (
	"math/rand/v2"
	"runtime"
	"testing"
)

// benchTitles are posting-style variants of 1,000 official example titles (fixed seed).
func benchTitles(tb testing.TB) []evalQuery {
	ex, err := officialExamples()
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	out := make([]evalQuery, 1000)
	for i := range out {
		e := ex[rng.IntN(len(ex))]
		out[i] = evalQuery{title: postingStyle(e, rng), lang: e.Lang, truth: e.Lang, code: e.Code}
	}
	return out
}

// benchTitleStrings returns the titles of benchTitles.
func benchTitleStrings(tb testing.TB) []string {
	qs := benchTitles(tb)
	titles := make([]string, len(qs))
	for i, q := range qs {
		titles[i] = q.title
	}
	return titles
}

// BenchmarkCode codes one posting-style title per iteration with the default coder (built before
// the timer starts).
func BenchmarkCode(b *testing.B) {
	c := Default()
	qs := benchTitles(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		c.Code(q.title, q.lang)
	}
}

// BenchmarkCodeAuto is BenchmarkCode with the language guessed.
func BenchmarkCodeAuto(b *testing.B) {
	c := Default()
	qs := benchTitles(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		c.Code(q.title, Auto)
	}
}

// BenchmarkCodeParallel codes titles from all the Ps at once (the coder is shared).
func BenchmarkCodeParallel(b *testing.B) {
	c := Default()
	qs := benchTitles(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			q := qs[i%len(qs)]
			c.Code(q.title, q.lang)
			i++
		}
	})
}

// BenchmarkTrigramBaseline is the naive baseline: character-trigram TF-IDF nearest neighbour
// over the same example titles, on the same titles.
func BenchmarkTrigramBaseline(b *testing.B) {
	ex, err := officialExamples()
	if err != nil {
		b.Fatal(err)
	}
	base := newTrigramBaseline(ex)
	qs := benchTitles(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		base.code(qs[i%len(qs)].title, 5)
	}
}

// BenchmarkBuild builds the default coder from the embedded data (what Default does once): the
// examples are decompressed and parsed, the index built; it reports the heap the coder retains.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	var heap uint64
	for b.Loop() {
		var before, after runtime.MemStats
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		ex, err := loadExamples()
		if err != nil {
			b.Fatal(err)
		}
		c, err := newCoder(ex, defaultParams())
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		ex = nil
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(c)
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}

// BenchmarkCodeFeed codes 1,000 posting-style titles per iteration, as an import feed: with
// CodeAll (all the processors), and one after the other with Code as the baseline.
func BenchmarkCodeFeed(b *testing.B) {
	c := Default()
	titles := benchTitleStrings(b)
	b.Run("sequential", func(b *testing.B) {
		for b.Loop() {
			for _, t := range titles {
				c.Code(t, Auto)
			}
		}
	})
	b.Run("CodeAll", func(b *testing.B) {
		for b.Loop() {
			c.CodeAll(titles, Auto)
		}
	})
}
