package bench

import (
	"math"
	"math/rand/v2"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// The benchmark's city is Ljubljana and its surroundings: a community of
// 25 km around the centre, where people live as they do in a real city.
var (
	cityCentre = domain.Point{Lat: 46.0569, Lng: 14.5058}
	cityKM     = 25.0
)

// cluster is a place where people live, as an offset from the centre in km
// (north, east), a Gaussian spread in km and a share of the population.
type cluster struct {
	name         string
	north, east  float64
	sigma, share float64
}

// clusters are the old town, the city's neighbourhoods and the suburban
// towns around it, with shares roughly as their populations. The share
// left over (11%) lives scattered over the whole area: villages, farms.
var clusters = []cluster{
	{"centre", 0, 0, 1.0, 0.22},
	{"Bežigrad", 2.2, 0.3, 0.8, 0.08},
	{"Šiška", 1.2, -2.3, 0.9, 0.08},
	{"Moste", 0.3, 2.5, 0.8, 0.07},
	{"Vič", -1.8, -2.0, 0.8, 0.06},
	{"Rudnik", -3.0, 0.8, 0.9, 0.04},
	{"Fužine", 0.0, 4.3, 0.5, 0.04},
	{"Črnuče", 5.3, 1.0, 0.7, 0.03},
	{"Polje", 1.5, 7.0, 0.8, 0.03},
	{"Domžale", 12.5, 6.5, 1.2, 0.06},
	{"Medvode", 8.5, -10.5, 1.0, 0.04},
	{"Vrhnika", -11.5, -14.5, 1.0, 0.04},
	{"Grosuplje", -13.0, 7.5, 1.0, 0.04},
	{"Škofljica", -7.5, 3.0, 0.7, 0.02},
	{"Brezovica", -4.5, -6.0, 0.7, 0.02},
	{"Trzin", 8.5, 3.2, 0.5, 0.02},
}

// kmPerDegree is the length of a degree of latitude, and of longitude at
// the equator.
const kmPerDegree = 111.2

// home draws where someone lives: in one of the clusters, or anywhere in
// the area for the rest, always inside the community.
func home(r *rand.Rand) domain.Point {
	for {
		p := draw(r)
		if geo.Contains(cityCentre, cityKM, p) {
			return p
		}
	}
}

func draw(r *rand.Rand) domain.Point {
	x := r.Float64()
	for _, c := range clusters {
		if x < c.share {
			return offset(c.north+r.NormFloat64()*c.sigma, c.east+r.NormFloat64()*c.sigma)
		}
		x -= c.share
	}
	d, a := cityKM*math.Sqrt(r.Float64()), 2*math.Pi*r.Float64()
	return offset(d*math.Cos(a), d*math.Sin(a))
}

// offset returns the point north km north and east km east of the centre.
func offset(north, east float64) domain.Point {
	return domain.Point{
		Lat: cityCentre.Lat + north/kmPerDegree,
		Lng: cityCentre.Lng + east/(kmPerDegree*math.Cos(cityCentre.Lat*math.Pi/180)),
	}
}

// weighted picks an index with probability proportional to its weight.
func weighted(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// pickDistinct picks n different indexes by weight.
func pickDistinct(r *rand.Rand, weights []float64, n int) []int {
	w := append([]float64(nil), weights...)
	out := make([]int, 0, n)
	for len(out) < n && len(out) < len(w) {
		i := weighted(r, w)
		out = append(out, i)
		w[i] = 0
	}
	return out
}
