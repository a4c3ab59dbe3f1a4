"""The core story the messaging tests change: its headline before and after."""

OLD, NEW = "Plants hit their plan more often.", "Every plant runs on one trusted schedule."
JOB = "Cuts unplanned downtime by a third."
