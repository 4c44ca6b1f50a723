//! Reading a filled council form back into plan JSON (work in progress).
