//! Clustering and geometry for document matrices: which articles group together, and how
//! far apart outlets frame a story.
//!
//! **cluster knows nothing about text**: it takes matrices (`ndarray::ArrayView2<f64>`, one
//! row per document, e.g. TF-IDF) and label vectors, never words. It does no I/O and prints
//! nothing. Everything is deterministic: the same input and seed give bit-identical output,
//! whatever the number of threads.
//!
//! Main types and functions:
//!
//! - [`KMeansParams`] → [`ValidKMeansParams`] → [`KMeansModel`]: seeded k-means with
//!   canonical labels (linfa's params → checked params → fit → model habit).
//!   [`l2_normalize_rows`] first gives spherical (cosine) k-means.
//! - [`select_k`] → [`KSelection`]: the k with the best [`silhouette_score`];
//!   [`seed_stability`] → [`Stability`]: whether a k holds across seeds.
//! - [`cosine_similarity`], [`cosine_distance`]: document-by-document matrices.
//! - [`average_linkage`] → [`Dendrogram`] of [`Merge`]s, numbered as SciPy, with
//!   [`Dendrogram::leaf_order`] and [`Dendrogram::cut`].
//! - [`pca_2d`] → [`Projection`]: 2-D coordinates for plots, as scikit-learn's PCA.
//! - [`adjusted_rand_index`], [`normalized_mutual_info`],
//!   [`homogeneity_completeness_v_measure`]: agreement between two labelings.
//!
//! Errors are one [`ClusterError`], with parameter errors in [`ParamError`].
//!
//! # Example
//!
//! ```
//! use cluster::{KMeansParams, average_linkage, cosine_distance, l2_normalize_rows, pca_2d};
//! use ndarray::array;
//!
//! // Four documents over three terms: two about one thing, two about another.
//! let x = array![
//!     [0.9, 0.1, 0.0],
//!     [0.0, 0.2, 0.8],
//!     [0.8, 0.2, 0.1],
//!     [0.1, 0.1, 0.9],
//! ];
//! let unit = l2_normalize_rows(x.view());
//! let model = KMeansParams::new(2).seed(42).fit(unit.view())?;
//! assert_eq!(model.labels, vec![0, 1, 0, 1]);
//!
//! let tree = average_linkage(cosine_distance(x.view()).view())?;
//! assert_eq!(tree.cut(2), vec![0, 1, 0, 1]);
//! assert_eq!(tree.leaf_order().len(), 4);
//!
//! let projection = pca_2d(x.view())?;
//! assert_eq!(projection.coords.dim(), (4, 2));
//! # Ok::<(), cluster::ClusterError>(())
//! ```

mod agreement;
mod distance;
mod eigen;
mod error;
mod input;
mod kmeans;
mod labels;
mod linkage;
mod projection;
#[cfg(test)]
mod samples;
mod selection;
mod silhouette;
mod stability;

pub use agreement::{
    adjusted_rand_index, homogeneity_completeness_v_measure, normalized_mutual_info,
};
pub use distance::{cosine_distance, cosine_similarity, l2_normalize_rows};
pub use error::{ClusterError, ParamError, Result};
pub use kmeans::{KMeansModel, KMeansParams, ValidKMeansParams};
pub use labels::canonical_labels;
pub use linkage::{Dendrogram, Merge, average_linkage};
pub use projection::{Projection, pca_2d};
pub use selection::{KScore, KSelection, select_k};
pub use silhouette::{silhouette_samples, silhouette_score};
pub use stability::{STABLE_ARI, Stability, seed_stability};
