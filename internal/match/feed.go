package match

// Feed returns the requests among reqs that volunteer v fits by the same
// hard filters Rank applies, nearest first (ties by request id), at most
// limit of them (limit <= 0: all). Nearness alone orders them because the
// volunteer chooses among them themself; fairness and record are about
// whom to ask, not what to show. The result is never nil.
//
// A volunteer at their MaxActive sees an empty feed; the service may want
// to say why.
func Feed(v Candidate, reqs []FeedRequest, limit int) []FeedItem {
	top := newTopK(limit, nearerRequest)
	for i := range reqs {
		p := prepare(&reqs[i].Request)
		f := p.check(&v)
		if f.fail != "" {
			continue
		}
		top.offer(nearby{index: i, id: reqs[i].ID, fit: f})
	}
	best := top.sorted()
	out := make([]FeedItem, len(best))
	for j, n := range best {
		p := prepare(&reqs[n.index].Request)
		out[j] = FeedItem{
			RequestID:  n.id,
			DistanceKM: roundTo(n.km, 10),
			Reasons:    p.reasons(&v, n.fit, false),
		}
	}
	return out
}

// nearby is a request that fits, with its exact distance.
type nearby struct {
	index int
	id    int64
	fit
}

func nearerRequest(a, b nearby) bool {
	if a.km != b.km {
		return a.km < b.km
	}
	return a.id < b.id
}
