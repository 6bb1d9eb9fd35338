"""Persian text: normalisation with offset maps, tokens and sentences, article dates."""
