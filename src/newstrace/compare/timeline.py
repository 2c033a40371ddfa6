"""placeholder"""
def build_timeline(reports):
    return []
