// Package sorted holds what several stages do with sorted lists: count
// what two of them share, in one pass and without allocating.
package sorted

import "cmp"

// Shared counts the elements two ascending lists have in common, each
// match used once: an element two lists both hold twice counts twice, as
// BLEU clips n-gram counts.
func Shared[T cmp.Ordered](a, b []T) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
