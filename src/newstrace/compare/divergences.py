"""placeholder"""
def find_divergences(aligned, reports):
    return []
