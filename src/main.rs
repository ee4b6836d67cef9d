//! Mounts the Wegwijs app over the static shell in `index.html`.

fn main() {
    wegwijs::mount();
}
