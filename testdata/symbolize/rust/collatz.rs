// pview fixture: Rust names (traits, generics, closures, a module, an impl of a generic
// trait), built with both manglings to list their symbol names (see build.sh).
use std::collections::HashMap;

mod kernels {
    pub trait Kernel {
        fn run(&self, n: u64) -> u64;
    }
    pub struct Collatz;
    pub struct Squares<T> {
        pub scale: T,
    }
    impl Kernel for Collatz {
        #[inline(never)]
        fn run(&self, n: u64) -> u64 {
            let mut x = n;
            let mut steps = 0;
            while x > 1 {
                x = if x % 2 == 0 { x / 2 } else { 3 * x + 1 };
                steps += 1;
            }
            steps
        }
    }
    impl<T: Copy + Into<u64>> Kernel for Squares<T> {
        #[inline(never)]
        fn run(&self, n: u64) -> u64 {
            (0..n).map(|i| i * i * self.scale.into()).fold(0, u64::wrapping_add)
        }
    }
}

use kernels::Kernel;

#[inline(never)]
fn total<K: Kernel + ?Sized>(k: &K, n: u64) -> u64 {
    (1..n).map(|i| k.run(i)).sum()
}

#[inline(never)]
fn tally<F: Fn(u64) -> u64>(f: F, n: u64) -> HashMap<u64, u32> {
    let mut m = HashMap::new();
    for i in 0..n {
        *m.entry(f(i) % 17).or_insert(0) += 1;
    }
    m
}

fn main() {
    let ks: Vec<Box<dyn Kernel>> = vec![Box::new(kernels::Collatz), Box::new(kernels::Squares { scale: 3u32 })];
    let mut s = 0;
    for k in &ks {
        s += total(k.as_ref(), 3000000);
    }
    s += total(&kernels::Collatz, 1000000);
    let offset = s % 7;
    let m = tally(|x| x * 31 + offset, 3000000);
    println!("{} {}", s, m.len());
}
