//go:build !linux

package perceptron

// MakeTable returns a zeroed slice of n elements for a large weight
// table that is read at random (on Linux, backed by huge pages).
func MakeTable[T any](n int) []T { return make([]T, n) }
