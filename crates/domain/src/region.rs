use crate::vocabulary;

/// The eight regions Ofsted reports by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OfstedRegion {
    EastMidlands,
    EastOfEngland,
    London,
    NorthEastYorkshireAndTheHumber,
    NorthWest,
    SouthEast,
    SouthWest,
    WestMidlands,
}

vocabulary!(OfstedRegion, "Ofsted region", [
    (EastMidlands, "East Midlands"),
    (EastOfEngland, "East of England"),
    (London, "London"),
    (NorthEastYorkshireAndTheHumber, "North East, Yorkshire and the Humber"),
    (NorthWest, "North West"),
    (SouthEast, "South East"),
    (SouthWest, "South West"),
    (WestMidlands, "West Midlands"),
]);

/// The nine ONS (and DfE) regions of England.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OnsRegion {
    NorthEast,
    NorthWest,
    YorkshireAndTheHumber,
    EastMidlands,
    WestMidlands,
    EastOfEngland,
    London,
    SouthEast,
    SouthWest,
}

vocabulary!(OnsRegion, "ONS region", [
    (NorthEast, "North East"),
    (NorthWest, "North West"),
    (YorkshireAndTheHumber, "Yorkshire and The Humber"),
    (EastMidlands, "East Midlands"),
    (WestMidlands, "West Midlands"),
    (EastOfEngland, "East of England"),
    (London, "London"),
    (SouthEast, "South East"),
    (SouthWest, "South West"),
]);

impl OnsRegion {
    /// The Ofsted region that contains this ONS region.
    pub const fn ofsted(self) -> OfstedRegion {
        match self {
            OnsRegion::NorthEast | OnsRegion::YorkshireAndTheHumber => {
                OfstedRegion::NorthEastYorkshireAndTheHumber
            }
            OnsRegion::NorthWest => OfstedRegion::NorthWest,
            OnsRegion::EastMidlands => OfstedRegion::EastMidlands,
            OnsRegion::WestMidlands => OfstedRegion::WestMidlands,
            OnsRegion::EastOfEngland => OfstedRegion::EastOfEngland,
            OnsRegion::London => OfstedRegion::London,
            OnsRegion::SouthEast => OfstedRegion::SouthEast,
            OnsRegion::SouthWest => OfstedRegion::SouthWest,
        }
    }
}
