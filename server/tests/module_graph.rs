//! The modules of `app/src` form no import cycle (issue 15): a module may use what is below it,
//! never something that uses it back. Each file is parsed with `syn`, every path that names a
//! module of the crate (`use crate::…`, `super::…`, `crate::…` in code) becomes an edge, re-exports
//! are followed to where the item lives, and `petgraph` finds the strongly connected components.
//!
//! A file's own inline `mod tests` counts as part of the file; a module declaring its children
//! (`mod x;`) is not a use of them, but a child using an item of its parent's file is.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use syn::visit::Visit;

type ModPath = Vec<String>;

fn app_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read app/src")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `app/src/server/judging/mod.rs` → `crate::server::judging`.
fn module_of(file: &Path) -> ModPath {
    let rel = file.strip_prefix(app_src()).expect("under app/src");
    let mut path = vec!["crate".to_string()];
    for part in rel.iter() {
        let part = part.to_string_lossy();
        match part.strip_suffix(".rs") {
            Some("lib") | Some("mod") => {}
            Some(stem) => path.push(stem.to_string()),
            None => path.push(part.to_string()),
        }
    }
    path
}

/// What one file says: the items it defines and re-exports, and the paths it uses.
#[derive(Default)]
struct FileFacts {
    items: BTreeSet<String>,
    /// `pub use a::b::C;` (and `as D`): the name here → the path as written, with the module
    /// the path is relative to.
    reexports: Vec<(String, ModPath, ModPath)>,
    /// `pub use a::b::*;`: the module whose items are all visible here.
    glob_reexports: Vec<(ModPath, ModPath)>,
    /// Every path of two segments or more (and every `use`), with the module it was written in.
    uses: Vec<(ModPath, ModPath)>,
}

struct Collector<'a> {
    /// The module the visitor is in now (the file's, plus any inline modules entered).
    here: ModPath,
    depth: usize,
    facts: &'a mut FileFacts,
}

impl Collector<'_> {
    fn record_use_tree(&mut self, tree: &syn::UseTree, prefix: &mut ModPath, public: bool) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.record_use_tree(&p.tree, prefix, public);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut full = prefix.clone();
                let name = n.ident.to_string();
                if name != "self" {
                    full.push(name.clone());
                }
                let local = if name == "self" {
                    prefix.last().cloned().unwrap_or_default()
                } else {
                    name
                };
                self.use_path(full, public.then_some(local));
            }
            syn::UseTree::Rename(r) => {
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.use_path(full, public.then(|| r.rename.to_string()));
            }
            syn::UseTree::Glob(_) => {
                if public && self.depth == 0 {
                    self.facts
                        .glob_reexports
                        .push((self.here.clone(), prefix.clone()));
                }
                self.use_path(prefix.clone(), None);
            }
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.record_use_tree(item, prefix, public);
                }
            }
        }
    }

    fn use_path(&mut self, path: ModPath, reexported_as: Option<String>) {
        if let Some(name) = reexported_as {
            if self.depth == 0 {
                self.facts
                    .reexports
                    .push((name, self.here.clone(), path.clone()));
            }
        }
        self.facts.uses.push((self.here.clone(), path));
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if self.depth == 0 {
            let name = match item {
                syn::Item::Fn(i) => Some(&i.sig.ident),
                syn::Item::Struct(i) => Some(&i.ident),
                syn::Item::Enum(i) => Some(&i.ident),
                syn::Item::Const(i) => Some(&i.ident),
                syn::Item::Static(i) => Some(&i.ident),
                syn::Item::Type(i) => Some(&i.ident),
                syn::Item::Trait(i) => Some(&i.ident),
                syn::Item::Macro(i) => i.ident.as_ref(),
                syn::Item::Mod(i) => Some(&i.ident),
                _ => None,
            };
            if let Some(name) = name {
                self.facts.items.insert(name.to_string());
            }
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if item.content.is_some() {
            self.here.push(item.ident.to_string());
            self.depth += 1;
            syn::visit::visit_item_mod(self, item);
            self.depth -= 1;
            self.here.pop();
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let public = matches!(item.vis, syn::Visibility::Public(_));
        self.record_use_tree(&item.tree, &mut Vec::new(), public);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() > 1 {
            let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
            self.facts.uses.push((self.here.clone(), segments));
        }
        syn::visit::visit_path(self, path);
    }
}

/// `super::x` written in `here` → the absolute path. `None` for paths into other crates.
fn absolute(here: &ModPath, path: &ModPath) -> Option<ModPath> {
    let mut base = here.clone();
    let mut rest = path.as_slice();
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base = vec!["crate".into()];
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

struct Crate {
    files: BTreeMap<ModPath, FileFacts>,
}

impl Crate {
    fn read() -> Crate {
        let mut paths = Vec::new();
        rust_files(&app_src(), &mut paths);
        let mut files = BTreeMap::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("read source");
            let ast = syn::parse_file(&text)
                .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
            let module = module_of(&path);
            let mut facts = FileFacts::default();
            Collector {
                here: module.clone(),
                depth: 0,
                facts: &mut facts,
            }
            .visit_file(&ast);
            files.insert(module, facts);
        }
        Crate { files }
    }

    /// The file-module an absolute path lands in, following re-exports to where the item lives.
    fn target(&self, path: &ModPath, hops: usize) -> Option<ModPath> {
        // The longest prefix that is a file-module of the crate.
        let (len, module) = (1..=path.len())
            .rev()
            .find_map(|n| self.files.get_key_value(&path[..n]).map(|(k, _)| (n, k)))?;
        let facts = &self.files[module];
        let Some(item) = path.get(len) else {
            return Some(module.clone());
        };
        if hops < 8 && !facts.items.contains(item) {
            for (name, here, written) in &facts.reexports {
                if name == item {
                    let mut via = self.resolve(here, written)?;
                    via.extend(path[len + 1..].iter().cloned());
                    return self.target(&via, hops + 1);
                }
            }
            for (here, written) in &facts.glob_reexports {
                let Some(source) = self.resolve(here, written) else {
                    continue;
                };
                if self.exports(&source, item) {
                    let mut via = source;
                    via.extend(path[len..].iter().cloned());
                    return self.target(&via, hops + 1);
                }
            }
        }
        Some(module.clone())
    }

    /// Whether `module` has an item of that name, its own or re-exported by name.
    fn exports(&self, module: &ModPath, item: &str) -> bool {
        self.files.get(module).is_some_and(|f| {
            f.items.contains(item) || f.reexports.iter().any(|(name, _, _)| name == item)
        })
    }

    /// A path as written in `here` → absolute: `crate::`, `super::`, `self::`, or a child
    /// module's name (`sheets::save` in `judging`). `None` for other crates and local names.
    fn resolve(&self, here: &ModPath, written: &ModPath) -> Option<ModPath> {
        if let Some(path) = absolute(here, written) {
            return Some(path);
        }
        let first = written.first()?;
        let mut child = here.clone();
        child.push(first.clone());
        self.files.contains_key(&child).then(|| {
            let mut path = here.clone();
            path.extend(written.iter().cloned());
            path
        })
    }

    /// Every use of one file-module by another.
    fn edges(&self) -> BTreeSet<(ModPath, ModPath)> {
        let mut edges = BTreeSet::new();
        for (module, facts) in &self.files {
            for (here, written) in &facts.uses {
                let Some(path) = self.resolve(here, written) else {
                    continue;
                };
                if let Some(target) = self.target(&path, 0) {
                    // A path through a parent to a sibling lands in the sibling; one that stops
                    // at the crate root names nothing of it.
                    if &target != module && target.len() > 1 {
                        edges.insert((module.clone(), target));
                    }
                }
            }
        }
        edges
    }
}

fn cycles(edges: &BTreeSet<(ModPath, ModPath)>) -> Vec<Vec<String>> {
    let mut graph = DiGraph::<String, ()>::new();
    let mut nodes = HashMap::new();
    let mut node = |graph: &mut DiGraph<String, ()>, m: &ModPath| {
        let name = m.join("::");
        *nodes
            .entry(name.clone())
            .or_insert_with(|| graph.add_node(name))
    };
    for (from, to) in edges {
        let a = node(&mut graph, from);
        let b = node(&mut graph, to);
        graph.add_edge(a, b, ());
    }
    tarjan_scc(&graph)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| {
            let mut names: Vec<String> = component.iter().map(|&n| graph[n].clone()).collect();
            names.sort();
            names
        })
        .collect()
}

#[test]
fn app_src_has_no_import_cycle() {
    let krate = Crate::read();
    let edges = krate.edges();
    assert!(
        edges.len() > 300,
        "the graph was read ({} edges): a parser that finds nothing would find no cycle",
        edges.len()
    );
    let found = cycles(&edges);
    let explain = |cycle: &Vec<String>| {
        let inside: Vec<String> = edges
            .iter()
            .filter(|(a, b)| cycle.contains(&a.join("::")) && cycle.contains(&b.join("::")))
            .map(|(a, b)| format!("    {} → {}", a.join("::"), b.join("::")))
            .collect();
        format!("{}:\n{}", cycle.join("  "), inside.join("\n"))
    };
    assert!(
        found.is_empty(),
        "import cycles in app/src (modules that reach each other, and the uses between them):\n{}",
        found.iter().map(explain).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_check_sees_a_cycle() {
    // The same machinery on a made-up pair of modules that use each other.
    let edges: BTreeSet<(ModPath, ModPath)> = [
        (
            vec!["crate".into(), "a".into()],
            vec!["crate".into(), "b".into()],
        ),
        (
            vec!["crate".into(), "b".into()],
            vec!["crate".into(), "a".into()],
        ),
        (
            vec!["crate".into(), "b".into()],
            vec!["crate".into(), "c".into()],
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(cycles(&edges), vec![vec!["crate::a", "crate::b"]]);
}

#[test]
fn the_server_rooms_stand_on_infra_and_infra_on_none_of_them() {
    let krate = Crate::read();
    let room = |m: &ModPath| -> Option<String> {
        (m.len() >= 3 && m[1] == "server").then(|| m[2].clone())
    };
    let mut wrong = Vec::new();
    for (from, to) in krate.edges() {
        if room(&from).as_deref() == Some("infra") {
            if let Some(target_room) = room(&to).filter(|r| r != "infra") {
                wrong.push(format!("{} → {}", from.join("::"), target_room));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "infra uses a room above it:\n{}",
        wrong.join("\n")
    );
}
