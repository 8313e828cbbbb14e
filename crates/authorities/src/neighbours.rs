//! DfE statistical neighbours.

use lacs_domain::AuthorityId;

/// Which DfE statistical-neighbour model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, utoipa::ToSchema)]
pub enum NeighbourModel {
    /// "New Statistical Neighbour Groupings, April 2021": the 152 LAs of 2021 (with Cumbria),
    /// plus the file's "old SNs" for Bournemouth, Poole, Dorset County Council and
    /// Northamptonshire. Bands: Extremely Close, Very Close, Close, Somewhat close, Not Close.
    #[serde(rename = "2021")]
    Y2021,
    /// "Statistical Neighbours 2025": the 153 LAs from April 2023. Bands: Extremely close,
    /// Very close, Close, Somewhat close, Not close.
    #[serde(rename = "2025")]
    Y2025,
}

impl NeighbourModel {
    pub const ALL: [NeighbourModel; 2] = [NeighbourModel::Y2021, NeighbourModel::Y2025];

    /// The model's year, as written in `data/statistical_neighbours.csv`.
    pub const fn year(self) -> u16 {
        match self {
            NeighbourModel::Y2021 => 2021,
            NeighbourModel::Y2025 => 2025,
        }
    }
}

impl std::fmt::Display for NeighbourModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.year())
    }
}

/// A neighbour-model year that is not 2021 or 2025.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown statistical neighbour model {0:?}; expected 2021 or 2025")]
pub struct UnknownModel(pub String);

impl std::str::FromStr for NeighbourModel {
    type Err = UnknownModel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "2021" => Ok(NeighbourModel::Y2021),
            "2025" => Ok(NeighbourModel::Y2025),
            _ => Err(UnknownModel(s.to_string())),
        }
    }
}

/// One statistical neighbour of an LA.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Neighbour {
    /// The neighbour's Ofsted URN.
    pub urn: AuthorityId,
    /// 1 (closest) to 10.
    pub rank: u8,
    /// DfE's closeness band, as the source spells it (trimmed): see [`NeighbourModel`].
    pub closeness: String,
}
