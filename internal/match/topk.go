package match

import "slices"

// topK keeps the k best of many items in a heap whose root is the worst
// kept, so ranking n candidates costs O(n log k) and allocates only k
// slots: ranking 10,000 volunteers for the top 20 must stay cheap.
type topK[T any] struct {
	k int
	// before reports whether a ranks strictly ahead of b.
	before func(a, b T) bool
	items  []T
}

// newTopK keeps the k best; k <= 0 keeps everything.
func newTopK[T any](k int, before func(a, b T) bool) *topK[T] {
	t := &topK[T]{k: k, before: before}
	if k > 0 {
		t.items = make([]T, 0, k)
	}
	return t
}

func (t *topK[T]) offer(x T) {
	switch {
	case t.k <= 0:
		t.items = append(t.items, x)
	case len(t.items) < t.k:
		t.items = append(t.items, x)
		t.up(len(t.items) - 1)
	case t.before(x, t.items[0]):
		t.items[0] = x
		t.down(0)
	}
}

// sorted returns the kept items, best first.
func (t *topK[T]) sorted() []T {
	slices.SortFunc(t.items, func(a, b T) int {
		switch {
		case t.before(a, b):
			return -1
		case t.before(b, a):
			return 1
		}
		return 0
	})
	return t.items
}

// up and down keep every parent ranked no better than its children.
func (t *topK[T]) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !t.before(t.items[parent], t.items[i]) {
			return
		}
		t.items[parent], t.items[i] = t.items[i], t.items[parent]
		i = parent
	}
}

func (t *topK[T]) down(i int) {
	for {
		worst := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < len(t.items) && t.before(t.items[worst], t.items[c]) {
				worst = c
			}
		}
		if worst == i {
			return
		}
		t.items[i], t.items[worst] = t.items[worst], t.items[i]
		i = worst
	}
}
