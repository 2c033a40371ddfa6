"""Compare the reports of a story: entity resolution (`compare.entities`, `compare.names`), claim alignment,
divergences and framing. Import the submodules directly; nothing is imported here so that loading the
package stays cheap."""
