// Package tally holds the votes that several stages take over what their
// sources say: an entity's type, a quote's speaker.
package tally

// Majority returns the key counted most often; ties go to the smallest
// key, so the answer does not depend on map order. It returns "" for an
// empty count. The key may be any string type, such as an entity's type.
func Majority[K ~string](m map[K]int) K {
	var best K
	bestN := 0
	for k, n := range m {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}
