package pdrrun.grid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter columns of {@code kosmatau_parameters}, in table order, with the defaults that
 * KOSMA-tau users get when neither the grid nor {@code non_default_parameters} sets a value.
 *
 * <p>Immutable and thread-safe.
 */
public final class ParameterColumns {

    /** Every parameter column, in the table's order. */
    public static final List<ParameterColumn> ALL = List.of(
            real("xnsur", 1000.0),
            real("mass", 0.1),
            real("rtot", 2.4577932483395914e+17),
            real("rcore", 0.2),
            real("alpha", 1.5),
            real("sigd", 1.9e-21),
            real("sint", 10.0),
            real("cosray", 2e-16),
            real("beta", -1.0),
            real("zmetal", 1.0),
            real("preshh2", 0.0),
            real("preshco", 0.0),
            integer("ifuvmeth", 1),
            integer("idustmet", 1),
            integer("ifuvtype", 2),
            real("fuvtemp", 20000.0),
            text("fuvstring", "Lyalpha.fuv"),
            integer("inewgam", 0),
            integer("iscatter", -1),
            integer("ihtclgas", 1),
            real("tgasc", 50.0),
            integer("ihtcldust", 1),
            real("tdustc", 20.0),
            integer("ipehmeth", 1),
            integer("indxpeh", 4),
            integer("ihtclpah", 1),
            integer("indstr", 1),
            integer("inds", 4),
            integer("indx", 7),
            real("d2gratio1", 0.00827485),
            real("d2gratio2", 0.00227746),
            real("d2gratio3", 0.000375578),
            real("d2gratio4", 0.000375578),
            real("d2gratio5", 0.0),
            real("d2gratio6", 0.0),
            real("d2gratio7", 0.0),
            real("d2gratio8", 0.0),
            real("d2gratio9", 0.0),
            real("d2gratio10", 0.0),
            integer("ih2meth", 1),
            integer("ih2onpah", 0),
            real("h2formc", 2.121e-17),
            integer("ih2shld", 0),
            integer("h2_structure", 0),
            integer("h2_h_coll_rates", 3),
            integer("h2_h_reactive_colls", 1),
            integer("h2_use_gbar", 1),
            integer("h2_quad_a", 1),
            integer("ifh2des", 1),
            integer("ifcrdes", 2),
            integer("ifphdes", 1),
            integer("ifthdes", 1),
            real("bindsites", 1500000000000000.0),
            integer("ifchemheat", 0),
            integer("ifheat_alfven", 0),
            real("alfven_velocity", 330000.0),
            real("alfven_column", 4e+20),
            real("temp_start", 0.0),
            integer("itmeth", 2),
            integer("ichemeth", 0),
            integer("inewtonstep", 1),
            real("omega_neg", 5.0),
            real("omega_pos", 2.0),
            real("lambda_newt", 0.5),
            integer("use_conservation", 1),
            integer("rescaleQF", 0),
            integer("precondLR", 0),
            integer("resortQF", 0),
            integer("nconv_time", 0),
            integer("time_dependent", 0),
            integer("use_dlsodes", 1),
            integer("use_dlsoda", 0),
            integer("use_dvodpk", 0),
            real("first_time_step_yrs", 1e-10),
            real("max_time_yrs", 10000000.0),
            integer("num_time_steps", 0),
            real("rtol_chem", 0.01),
            real("atol_chem", 1e-10),
            real("Xhtry", 1000000.0),
            integer("Niter", 60),
            real("rtol_iter", 0.03),
            real("step1", 100.0),
            real("step2", 200.0),
            integer("ihdfout", 4),
            integer("dbglvl", 0),
            integer("grid", 0),
            real("elfrac4", 0.0851),
            real("elfrac12", 0.000234),
            real("elfrac13", 3.52e-06),
            real("elfrac14", 8.32e-05),
            real("elfrac16", 0.000447),
            real("elfrac18", 8.93e-07),
            real("elfrac19", 6.68e-09),
            real("elfrac20", 6.9e-05),
            real("elfrac23", 2e-07),
            real("elfrac24", 3.2e-06),
            real("elfrac27", 2.8e-06),
            real("elfrac28", 3.17e-06),
            real("elfrac31", 1.17e-07),
            real("elfrac32", 7.41e-06),
            real("elfrac35", 1e-07),
            real("elfrac39", 1.35e-07),
            real("elfrac40", 3.29e-06),
            real("elfrac41", 2.2e-06),
            real("elfrac56", 1e-06),
            text(
                    "species",
                    "HE+ HE H+ H2+ H3+ C CH C+ CH+ CH2+ CH2 CH3+ CH3   CH4+ CH4 CH5+ CN CN+ HCN HCN+ CO CO+ HCO+ HCO CO2 CO2+  H2CO H2CO+   13C 13CH 13CO 13C+ 13CH+   13CH2+ 13CO+ H13CO+ N N2 N2+ N2H+ NO NO+ O   O+ OH OH+ H2O H2O+ H3O+   O2 O2+ 18O   C18O 13C18O O18O O18O+ 18OH 18OH+ H218O H218O+ H318O+ SO   SO+ SO2 SO2+ HSO2+ S S+ SI SI+ SIH SIH+   SIH2+ SIO SIO+ SIOH+   CH3OH+ CH3O CH3OH H2O2 JH JC JCH JCH2 JCH3 JCH4   JCN JHCN JCO JHCO JCO2 JH2CO JCH3O JCH3OH JN JN2   JNO JO JOH JH2O JH2O2 JO2 JSO JSO2 JS "));

    private static final Map<String, ParameterColumn> BY_NAME = index();
    private static final Map<String, Integer> INDEX = positions();

    private ParameterColumns() {}

    private static Map<String, ParameterColumn> index() {
        Map<String, ParameterColumn> byName = new LinkedHashMap<>();
        for (ParameterColumn column : ALL) {
            byName.put(column.name(), column);
        }
        return Map.copyOf(byName);
    }

    private static Map<String, Integer> positions() {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < ALL.size(); i++) {
            positions.put(ALL.get(i).name(), i);
        }
        return Map.copyOf(positions);
    }

    /**
     * Position of a column in {@link #ALL}.
     *
     * @throws IllegalArgumentException for a name that is not a column
     */
    public static int indexOf(String name) {
        Integer index = INDEX.get(name);
        if (index == null) {
            throw new IllegalArgumentException("not a parameter column: " + name);
        }
        return index;
    }

    /** The column of that exact (case-sensitive) name. */
    public static Optional<ParameterColumn> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static ParameterColumn real(String name, double value) {
        return new ParameterColumn(name, ParameterColumn.Kind.REAL, value);
    }

    private static ParameterColumn integer(String name, long value) {
        return new ParameterColumn(name, ParameterColumn.Kind.INTEGER, value);
    }

    private static ParameterColumn text(String name, String value) {
        return new ParameterColumn(name, ParameterColumn.Kind.TEXT, value);
    }
}
