"""Helpers every app of the buyer's journey uses; they import nothing from the apps above them."""
