//! Clustering and geometry for document matrices: which articles group together, and how
//! far apart outlets frame a story.
//!
//! **cluster knows nothing about text**: it takes matrices (`ndarray::ArrayView2<f64>` or
//! sparse `sprs::CsMat<f64>`, one row per document, e.g. TF-IDF) and label vectors, never
//! words. It does no I/O and prints nothing. Everything is deterministic: the same input and
//! seed give bit-identical output, whatever the number of threads (parallel loops split rows
//! at fixed boundaries and add partial results in a fixed order).
//!
//! Main types and functions:
//!
//! - [`LsaParams`] → [`ValidLsaParams`] → [`Lsa`]: truncated SVD of a sparse matrix by the
//!   randomized algorithm (scikit-learn's `TruncatedSVD`), optionally fitted on a row sample,
//!   then [`Lsa::transform`] to dense rows.
//! - [`KMeansParams`] → [`ValidKMeansParams`] → [`KMeansModel`]: seeded k-means with
//!   canonical labels (linfa's params → checked params → fit → model habit).
//!   [`l2_normalize_rows`] first gives spherical (cosine) k-means.
//! - [`select_k`] (or [`select_k_sampled`] for large n) → [`KSelection`]: the k with the best
//!   [`silhouette_score`] ([`silhouette_score_sample`] estimates it on a row sample);
//!   [`seed_stability`] → [`Stability`]: whether a k holds across seeds.
//! - [`centroid_similarity`], [`centroid_similarity_sparse`] → [`GroupSimilarity`]: mean
//!   pairwise cosine within and between groups (outlets, clusters) in `O(n d)`.
//! - [`cosine_similarity`], [`cosine_distance`]: document-by-document matrices.
//! - [`average_linkage`] → [`Dendrogram`] of [`Merge`]s, numbered as SciPy, with
//!   [`Dendrogram::leaf_order`] and [`Dendrogram::cut`].
//! - [`pca_2d`] → [`Projection`]: 2-D coordinates for plots, as scikit-learn's PCA.
//! - [`spread_sample`]: seeded rows to fit on when a corpus is too large to fit on whole.
//! - [`adjusted_rand_index`], [`normalized_mutual_info`],
//!   [`homogeneity_completeness_v_measure`]: agreement between two labelings.
//!
//! Errors are one [`ClusterError`], with parameter errors in [`ParamError`].
//!
//! Sizes: everything above LSA and k-means scales to 100,000 rows; the exact silhouette,
//! [`select_k`], the similarity matrices, linkage and [`pca_2d`] are `O(n²)` or worse and meant
//! for a few thousand rows (`examples/scale.rs` measures the large path).
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
mod group_similarity;
mod input;
mod kmeans;
mod labels;
mod linkage;
mod lsa;
mod orthonormal;
mod parallel;
mod projection;
mod random;
#[cfg(test)]
mod samples;
mod selection;
mod silhouette;
mod sparse;
mod stability;

pub use agreement::{
    adjusted_rand_index, homogeneity_completeness_v_measure, normalized_mutual_info,
};
pub use distance::{
    cosine_distance, cosine_similarity, l2_normalize_owned_rows, l2_normalize_rows,
};
pub use error::{ClusterError, ParamError, Result};
pub use group_similarity::{
    GroupSimilarity, centroid_similarity, centroid_similarity_of_rows, centroid_similarity_sparse,
};
pub use kmeans::{KMeansModel, KMeansParams, ValidKMeansParams};
pub use labels::canonical_labels;
pub use linkage::{Dendrogram, Merge, average_linkage};
pub use lsa::{Lsa, LsaParams, ValidLsaParams};
pub use projection::{Projection, pca_2d, pca_2d_owned};
pub use random::spread_sample;
pub use selection::{KScore, KSelection, select_k, select_k_sampled};
pub use silhouette::{silhouette_samples, silhouette_score, silhouette_score_sample};
pub use stability::{STABLE_ARI, Stability, seed_stability};
