//! Every scheme in the crate runs the generic conformance suite: one line each.

commitments::conformance_tests!(hyperkzg, commitments::HyperKzg);
commitments::conformance_tests!(zeromorph, commitments::Zeromorph);
commitments::conformance_tests!(hyrax, commitments::Hyrax);
commitments::conformance_tests!(dory, commitments::Dory);
