package bench

import (
	"bufio"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"time"
)

// latencies collects how long calls took.
type latencies []time.Duration

// percentile returns the p-th percentile (0 < p <= 100) in milliseconds by
// the nearest-rank method, 0 without samples.
func (l latencies) percentile(p float64) float64 {
	if len(l) == 0 {
		return 0
	}
	s := slices.Clone(l)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return ms(s[min(max(rank, 1), len(s))-1])
}

// mean returns the average in milliseconds, 0 without samples.
func (l latencies) mean() float64 {
	if len(l) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range l {
		sum += d
	}
	return ms(sum / time.Duration(len(l)))
}

func ms(d time.Duration) float64 { return round3(float64(d) / float64(time.Millisecond)) }

// round3 rounds to three decimals, which is microseconds for milliseconds.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// rss is the process's memory as the operating system sees it, in MB.
type rss struct {
	// Resident is all resident memory, Peak its highest since the process
	// started.
	Resident, Peak float64
	// Anon is the resident memory of the process's own (the Go heap and
	// SQLite's caches), the rest being mapped files: the pages of the
	// SQLite database mapped by mmap_size, which belong to the operating
	// system's file cache and are shared.
	Anon float64
}

// memory reports the process's memory after returning freed heap to the
// operating system, so that the figure is what the process holds rather
// than garbage of the data generation. Without /proc (not Linux) every
// figure is the Go runtime's view of the memory it holds, which leaves out
// what SQLite allocates itself.
func memory() rss {
	runtime.GC()
	debug.FreeOSMemory()
	if m, ok := procStatus(); ok {
		return m
	}
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	held := math.Round(float64(s[0].Value.Uint64()-s[1].Value.Uint64()) / (1 << 20))
	return rss{Resident: held, Peak: held, Anon: held}
}

// procStatus reads /proc/self/status.
func procStatus() (rss, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return rss{}, false
	}
	defer f.Close()
	var m rss
	fields := map[string]*float64{"VmRSS": &m.Resident, "VmHWM": &m.Peak, "RssAnon": &m.Anon}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, found := strings.Cut(sc.Text(), ":")
		field, ok := fields[name]
		if !found || !ok {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 64)
		if err != nil {
			return rss{}, false
		}
		*field = math.Round(kb / 1024)
	}
	return m, m.Resident > 0
}
