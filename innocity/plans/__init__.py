"""The plan as data: plan, sections, tasks, responsibilities, targets."""
