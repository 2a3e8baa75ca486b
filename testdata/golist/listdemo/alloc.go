package main

// fill allocates a fresh buffer each round and writes a pattern into it.
func fill(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i)
	}
	return b
}

// keep retains a copy of part of each buffer, so the heap profile has in-use bytes.
func keep(b []byte) {
	c := make([]byte, len(b))
	copy(c, b)
	sink = append(sink, c...)
}

// sumAsm adds up the bytes of b (sum_amd64.s).
func sumAsm(b []byte) int
